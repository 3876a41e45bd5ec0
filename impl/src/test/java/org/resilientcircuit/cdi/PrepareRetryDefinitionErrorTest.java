package org.resilientcircuit.cdi;

import static org.resilientcircuit.cdi.DeploymentErrors.deploy;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.PrepareRetry;
import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.UpcomingRetry;

/** What {@code @PrepareRetry} names must exist and fit; else deployment fails naming annotation, class, method, parameter. */
@ExtendWith(WithConfig.Properties.class)
class PrepareRetryDefinitionErrorTest {

    /** The error names @PrepareRetry too, besides the class, the method and {@code words}. */
    private static void assertNames(Class<?> bean, String... words) {
        String[] all = new String[words.length + 1];
        all[0] = "@PrepareRetry";
        System.arraycopy(words, 0, all, 1, words.length);
        DeploymentErrors.assertNames(bean, all);
    }

    public abstract static class AbstractPreparer implements RetryPreparer {
    }

    public static class NeedsArgument implements RetryPreparer {
        public NeedsArgument(String argument) {
        }

        @Override
        public void prepare(UpcomingRetry retry) {
        }
    }

    @Dependent
    public static class Abstract {
        @Retry
        @PrepareRetry(AbstractPreparer.class)
        public void call() {
        }
    }

    @Dependent
    public static class NoUsableConstructor {
        @Retry
        @PrepareRetry(NeedsArgument.class)
        public void call() {
        }
    }

    @Dependent
    public static class NoSuchMethod {
        @Retry
        @PrepareRetry(method = "refresh")
        public void call() {
        }
    }

    @Dependent
    public static class WrongParameters {
        @Retry
        @PrepareRetry(method = "refresh")
        public void call() {
        }

        void refresh(String token) {
        }
    }

    @Dependent
    public static class Both {
        @Retry
        @PrepareRetry(value = Fine.Refresh.class, method = "refresh")
        public void call() {
        }
    }

    @Dependent
    public static class Neither {
        @Retry
        @PrepareRetry
        public void call() {
        }
    }

    @Dependent
    public static class WithoutRetry {
        @PrepareRetry(method = "refresh")
        public void call() {
        }

        void refresh() {
        }
    }

    @Dependent
    @PrepareRetry(Fine.Refresh.class)
    public static class ClassLevelWithoutRetry {
        public void call() {
        }
    }

    @Dependent
    public static class Fine {
        public static class Refresh implements RetryPreparer {
            @Override
            public void prepare(UpcomingRetry retry) {
            }
        }

        @Retry
        @PrepareRetry(method = "refresh")
        public void call() {
        }

        private void refresh(UpcomingRetry retry) {
        }
    }

    @Dependent
    public static class FineByClass {
        @Retry
        @PrepareRetry(Fine.Refresh.class)
        public void call() {
        }
    }

    @Test
    void anAbstractPreparer() {
        assertNames(Abstract.class, "parameter value", AbstractPreparer.class.getName(),
                "cannot be instantiated: it is abstract");
    }

    @Test
    void aPreparerWithoutAUsableConstructor() {
        assertNames(NoUsableConstructor.class, "parameter value", "cannot be instantiated");
    }

    @Test
    void aMethodThatDoesNotExist() {
        assertNames(NoSuchMethod.class, "parameter method names refresh", "no accessible method of that name");
    }

    @Test
    void aMethodWithTheWrongParameters() {
        assertNames(WrongParameters.class, "parameter method names refresh", UpcomingRetry.class.getName(),
                "found " + WrongParameters.class.getName() + "#refresh(java.lang.String)");
    }

    @Test
    void bothAClassAndAMethod() {
        assertNames(Both.class, "parameter value", "cannot both be set");
    }

    @Test
    void neitherAClassNorAMethod() {
        assertNames(Neither.class, "parameter value", "or method must be set");
    }

    @Test
    void prepareRetryNeedsRetry() {
        assertNames(WithoutRetry.class, "needs @Retry on the method or its class");
    }

    @Test
    void aClassLevelOneNeedsRetryOnTheClassOrAMethod() {
        assertNames(ClassLevelWithoutRetry.class, "needs @Retry on the class or on one of its methods");
    }

    @Test
    void aFittingDeclarationDeploys() {
        deploy(Fine.class);
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.PrepareRetryDefinitionErrorTest$Fine/call/PrepareRetry/method=missing")
    void aConfiguredMethodThatDoesNotExist() {
        assertNames(Fine.class, "parameter method names missing");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.PrepareRetryDefinitionErrorTest$FineByClass/call/PrepareRetry/value=java.lang.String")
    void aConfiguredClassThatIsNoPreparer() {
        assertNames(FineByClass.class, "parameter value", "java.lang.String", "does not implement " + RetryPreparer.class.getName());
    }

    @Test
    @WithConfig("PrepareRetry/enabled=false")
    void aDisabledAnnotationIsNotChecked() {
        deploy(NoSuchMethod.class);
    }
}
