package org.resilientcircuit.cdi;

import static org.resilientcircuit.cdi.DeploymentErrors.assertNames;
import static org.resilientcircuit.cdi.DeploymentErrors.deploy;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.DatabaseConflict;
import org.resilientcircuit.api.FailureWhen;
import org.resilientcircuit.api.RetryWhen;

/** A predicate that cannot be created or does not fit fails the deployment, naming annotation, class, method, parameter. */
@ExtendWith(WithConfig.Properties.class)
class OutcomeDefinitionErrorTest {

    public static class OnStrings implements Predicate<String> {
        @Override
        public boolean test(String value) {
            return value.isEmpty();
        }
    }

    public abstract static class AbstractPredicate implements Predicate<Object> {
    }

    public static class NeedsArgument implements Predicate<Object> {
        public NeedsArgument(String argument) {
        }

        @Override
        public boolean test(Object value) {
            return false;
        }
    }

    /** A generic base class: the type argument is found through the hierarchy. */
    public abstract static class StatusPredicate<T> implements Predicate<T> {
    }

    public static class EmptyOptional extends StatusPredicate<Optional<?>> {
        @Override
        public boolean test(Optional<?> value) {
            return value.isEmpty();
        }
    }

    @Dependent
    public static class ResultOfWrongType {
        @Retry
        @RetryWhen(result = OnStrings.class)
        public Integer call() {
            return 1;
        }
    }

    @Dependent
    public static class StageOfWrongType {
        @Retry
        @RetryWhen(result = EmptyOptional.class)
        public CompletionStage<Integer> call() {
            return null;
        }
    }

    @Dependent
    public static class ExceptionPredicateOnStrings {
        @CircuitBreaker
        @FailureWhen(exception = OnStrings.class)
        public void call() {
        }
    }

    @Dependent
    public static class Abstract {
        @Retry
        @RetryWhen(exception = AbstractPredicate.class)
        public void call() {
        }
    }

    @Dependent
    public static class NoUsableConstructor {
        @CircuitBreaker
        @FailureWhen(result = NeedsArgument.class)
        public void call() {
        }
    }

    @Dependent
    public static class WithoutRetry {
        @RetryWhen(exception = DatabaseConflict.class)
        public void call() {
        }
    }

    @Dependent
    public static class WithoutCircuitBreaker {
        @Retry
        @FailureWhen(exception = DatabaseConflict.class)
        public void call() {
        }
    }

    @Dependent
    public static class Fine {
        @Retry
        @RetryWhen(result = EmptyOptional.class, exception = DatabaseConflict.class)
        public Optional<String> call() {
            return Optional.empty();
        }
    }

    @Test
    void aResultPredicateOfAnUnrelatedType() {
        assertNames(ResultOfWrongType.class, "@RetryWhen", "parameter result", OnStrings.class.getName(),
                "java.lang.Integer");
    }

    @Test
    void theValueOfACompletionStageIsWhatCounts() {
        assertNames(StageOfWrongType.class, "@RetryWhen", "parameter result", "java.util.Optional", "java.lang.Integer");
    }

    @Test
    void anExceptionPredicateThatCannotJudgeExceptions() {
        assertNames(ExceptionPredicateOnStrings.class, "@FailureWhen", "parameter exception", OnStrings.class.getName());
    }

    @Test
    void anAbstractPredicate() {
        assertNames(Abstract.class, "@RetryWhen", "parameter exception", "cannot be instantiated: it is abstract");
    }

    @Test
    void aPredicateWithoutAUsableConstructor() {
        assertNames(NoUsableConstructor.class, "@FailureWhen", "parameter result", "cannot be instantiated");
    }

    @Test
    void retryWhenNeedsRetry() {
        assertNames(WithoutRetry.class, "@RetryWhen", "needs @Retry");
    }

    @Test
    void failureWhenNeedsCircuitBreaker() {
        assertNames(WithoutCircuitBreaker.class, "@FailureWhen", "needs @CircuitBreaker");
    }

    @Test
    void aFittingDeclarationDeploys() {
        deploy(Fine.class);
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.OutcomeDefinitionErrorTest$Fine/call/RetryWhen/exception=java.lang.String")
    void aConfiguredClassThatIsNoPredicate() {
        assertNames(Fine.class, "@RetryWhen", "parameter exception", "java.lang.String",
                "does not implement java.util.function.Predicate");
    }

    @Test
    @WithConfig("RetryWhen/result=org.resilientcircuit.cdi.OutcomeDefinitionErrorTest$OnStrings")
    void aConfiguredPredicateOfTheWrongType() {
        assertNames(Fine.class, "@RetryWhen", "parameter result", OnStrings.class.getName());
    }

    @Test
    @WithConfig("RetryWhen/enabled=false")
    void aDisabledAnnotationIsNotChecked() {
        deploy(ResultOfWrongType.class);
    }
}
