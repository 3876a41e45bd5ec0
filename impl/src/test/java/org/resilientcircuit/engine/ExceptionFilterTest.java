package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The specification's include/exclude pair: exclude wins, both match subclasses, unlisted is not matched. */
class ExceptionFilterTest {

    @Test
    void excludeWinsOverInclude() {
        ExceptionFilter filter = new ExceptionFilter(List.of(IOException.class), List.of(IOException.class));
        assertFalse(filter.test(new IOException()));
    }

    @Test
    void excludingASubclassCarvesItOutOfTheIncludedType() {
        ExceptionFilter filter = new ExceptionFilter(List.of(Exception.class), List.of(IOException.class));
        assertTrue(filter.test(new Exception()));
        assertTrue(filter.test(new IllegalStateException()));
        assertFalse(filter.test(new IOException()));
        assertFalse(filter.test(new FileNotFoundException()), "subclass of the excluded type");
    }

    @Test
    void excludingASuperclassExcludesEverySubclassEvenIfIncludedExplicitly() {
        ExceptionFilter filter = new ExceptionFilter(List.of(FileNotFoundException.class), List.of(IOException.class));
        assertFalse(filter.test(new FileNotFoundException()));
    }

    @Test
    void includeMatchesSubclassesButNotSuperclassesOrSiblings() {
        ExceptionFilter filter = new ExceptionFilter(List.of(IOException.class), List.of());
        assertTrue(filter.test(new IOException()));
        assertTrue(filter.test(new SocketException()));
        assertFalse(filter.test(new Exception()), "superclass");
        assertFalse(filter.test(new UncheckedIOException(new IOException())), "wraps one, is not one");
        assertFalse(filter.test(new IllegalArgumentException()));
    }

    @Test
    void emptyIncludeMatchesNothing() {
        ExceptionFilter filter = new ExceptionFilter(List.of(), List.of());
        assertFalse(filter.test(new RuntimeException()));
        assertFalse(filter.test(new Error()));
    }

    @Test
    void allMatchesErrorsAndCheckedExceptions() {
        assertTrue(ExceptionFilter.all().test(new Error()));
        assertTrue(ExceptionFilter.all().test(new IOException()));
        assertTrue(ExceptionFilter.all().test(new Throwable()));
    }
}
