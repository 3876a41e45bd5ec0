package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.DatabaseUnavailable;

/** What {@code T} of a predicate's {@code Predicate<T>} is, however it is declared, and what a method's results are. */
class PredicateTypesTest {

    interface FailurePredicate extends Predicate<SQLException> {
    }

    static class ViaInterface implements FailurePredicate {
        @Override
        public boolean test(SQLException e) {
            return false;
        }
    }

    abstract static class Base<X, T> implements Predicate<T> {
    }

    static class ViaGenericBase extends Base<String, Optional<String>> {
        @Override
        public boolean test(Optional<String> value) {
            return false;
        }
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements Predicate {
        @Override
        public boolean test(Object value) {
            return false;
        }
    }

    static class Bounded<T extends Number> implements Predicate<T> {
        @Override
        public boolean test(T value) {
            return false;
        }
    }

    @Test
    void theTypeArgumentIsFoundThroughInterfacesAndGenericSuperclasses() {
        assertEquals(Throwable.class, PredicateTypes.argument(DatabaseUnavailable.class));
        assertEquals(SQLException.class, PredicateTypes.argument(ViaInterface.class));
        assertEquals(Optional.class, PredicateTypes.argument(ViaGenericBase.class));
        assertEquals(Object.class, PredicateTypes.argument(Raw.class));
        assertEquals(Number.class, PredicateTypes.argument(Bounded.class), "an open variable counts as its bound");
    }

    public int primitive() {
        return 0;
    }

    public void nothing() {
    }

    public CompletionStage<List<String>> stage() {
        return null;
    }

    public Future<Integer> future() {
        return null;
    }

    @Test
    void resultsAreBoxedAndUnwrappedFromStagesAndFutures() throws Exception {
        assertEquals(Integer.class, PredicateTypes.resultType(getClass().getMethod("primitive")));
        assertEquals(Void.class, PredicateTypes.resultType(getClass().getMethod("nothing")));
        assertEquals(List.class, PredicateTypes.resultType(getClass().getMethod("stage")));
        assertEquals(Integer.class, PredicateTypes.resultType(getClass().getMethod("future")));
    }

    @Test
    void typesAreRelatedWhenOneValueCouldBeBoth() {
        assertTrue(PredicateTypes.related(Object.class, Integer.class));
        assertTrue(PredicateTypes.related(Integer.class, Number.class));
        assertTrue(PredicateTypes.related(CharSequence.class, Object.class));
        assertTrue(PredicateTypes.related(Runnable.class, Thread.class));
        assertTrue(PredicateTypes.related(Comparable.class, List.class), "a List may implement Comparable too");
        assertFalse(PredicateTypes.related(String.class, Integer.class));
        assertFalse(PredicateTypes.related(Runnable.class, String.class), "String is final and no Runnable");
    }
}
