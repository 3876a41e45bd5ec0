package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.api.Always;
import org.resilientcircuit.api.FailureWhen;
import org.resilientcircuit.api.Never;
import org.resilientcircuit.api.RetryWhen;

/**
 * Reads {@link RetryWhen} (which goes with {@code @Retry}) and {@link FailureWhen} (with {@code @CircuitBreaker}),
 * applies configuration overrides ({@code <class>/<method>/RetryWhen/result}, ...) and checks the predicate
 * classes they name, as {@link BackoffReader} does for backoffs: one on the method replaces the class's; the
 * anchor annotation must apply, whatever the configuration says; the classes are checked when the annotation
 * and its anchor are enabled.
 */
final class OutcomeReader {

    /** What one annotation decides, as the engine's predicates. */
    record Outcomes(Predicate<Object> result, Predicate<Throwable> exception) {
        /** No annotation: the specification's behaviour, results never, exceptions by the lists alone. */
        static final Outcomes SPECIFICATION = new Outcomes(value -> false, failure -> true);
    }

    private OutcomeReader() {
    }

    /** Fails when {@code @RetryWhen} applies without {@code @Retry}, or {@code @FailureWhen} without {@code @CircuitBreaker}. */
    static void requireAnchors(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        requireAnchor(RetryWhen.class, Retry.class, "it only decides what a retry does", beanClass, type, method);
        requireAnchor(FailureWhen.class, CircuitBreaker.class, "it only decides what a circuit breaker does", beanClass,
                type, method);
    }

    /**
     * Fails when {@code kind} applies to the method but {@code anchor} does not: a method-level one needs the anchor on
     * the method or its class, a class-level one on the class or on one of its methods. {@code why} ends the message.
     */
    static void requireAnchor(Class<? extends Annotation> kind, Class<? extends Annotation> anchor, String why,
            Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        PolicySite site = site(kind, beanClass, type, method);
        if (site == null || method.isAnnotationPresent(anchor) || type.isAnnotationPresent(anchor)) {
            return;
        }
        String needs = "@" + anchor.getSimpleName();
        if (site.methodLevel()) {
            throw new FaultToleranceDefinitionException(site.describe() + ": needs " + needs
                    + " on the method or its class; " + why);
        }
        if (type.getMethods().stream().noneMatch(m -> m.isAnnotationPresent(anchor))) {
            throw new FaultToleranceDefinitionException(site.describe() + ": needs " + needs
                    + " on the class or on one of its methods; " + why);
        }
    }

    /** The predicates of {@code kind} ({@code RetryWhen} or {@code FailureWhen}) for a method whose anchor is enabled. */
    static Outcomes read(PolicyConfig config, Class<? extends Annotation> kind, Class<?> beanClass,
            AnnotatedType<?> type, AnnotatedMethod<?> method) {
        PolicySite site = site(kind, beanClass, type, method);
        if (site == null || !enabled(config, site)) {
            return Outcomes.SPECIFICATION;
        }
        Annotation annotation = site.methodLevel() ? method.getAnnotation(kind) : type.getAnnotation(kind);
        Class<?> result = config.value(site, "result", Class.class, kind == RetryWhen.class
                ? ((RetryWhen) annotation).result() : ((FailureWhen) annotation).result());
        Class<?> exception = config.value(site, "exception", Class.class, kind == RetryWhen.class
                ? ((RetryWhen) annotation).exception() : ((FailureWhen) annotation).exception());
        Class<?> resultType = PredicateTypes.resultType(method.getJavaMember());
        Class<?> resultArgument = check(site, "result", result);
        site.require("result", PredicateTypes.related(resultArgument, resultType), "names " + result.getName()
                + ", a Predicate<" + resultArgument.getName() + ">, which cannot judge this method's results ("
                + resultType.getName() + ")");
        Class<?> exceptionArgument = check(site, "exception", exception);
        site.require("exception", exceptionArgument.isAssignableFrom(Throwable.class)
                || Throwable.class.isAssignableFrom(exceptionArgument), "names " + exception.getName() + ", a Predicate<"
                + exceptionArgument.getName() + ">, which cannot judge exceptions: its type argument must be Object, "
                + "Throwable or a subclass of Throwable");
        Predicate<Object> resultPredicate = predicate(site, "result", result, resultArgument);
        return new Outcomes(method.getJavaMember().getReturnType() == Future.class ? onValueOf(resultPredicate)
                : resultPredicate, predicate(site, "exception", exception, exceptionArgument)::test);
    }

    /**
     * A {@code Future} method's result is its future, done when the method returned (as the specification
     * requires of an {@code @Asynchronous} method): the predicate judges the future's value.
     */
    private static Predicate<Object> onValueOf(Predicate<Object> predicate) {
        return value -> {
            if (!(value instanceof Future<?> future) || !future.isDone() || future.isCancelled()) {
                return false;
            }
            try {
                return predicate.test(future.get());
            } catch (ExecutionException failed) {
                return false; // a failure, not a result: the exception predicate's business
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Checks that {@code predicate} is a Predicate the container can create; returns its type argument. */
    private static Class<?> check(PolicySite site, String parameter, Class<?> predicate) {
        site.require(parameter, Predicate.class.isAssignableFrom(predicate),
                "names " + predicate.getName() + ", which does not implement " + Predicate.class.getName());
        String problem = BackoffReader.instantiationProblem(predicate);
        site.require(parameter, problem == null, "names " + predicate.getName() + ", which cannot be instantiated: " + problem);
        return PredicateTypes.argument(predicate);
    }

    /** Never and Always are answered here, without the container: the common case costs nothing. */
    private static Predicate<Object> predicate(PolicySite site, String parameter, Class<?> type, Class<?> argument) {
        if (type == Never.class || type == Always.class) {
            return type == Always.class ? value -> true : value -> false;
        }
        return new ContainerPredicate(type, argument, site.describe() + " parameter " + parameter,
                ContainerInstances.deploymentBeanManager());
    }

    /** The site of the {@code kind} annotation that applies: the method's, else the class's (possibly inherited). */
    static PolicySite site(Class<? extends Annotation> kind, Class<?> beanClass, AnnotatedType<?> type,
            AnnotatedMethod<?> method) {
        if (method.isAnnotationPresent(kind)) {
            return new PolicySite(kind, method.getJavaMember(), true, method.getJavaMember().getDeclaringClass());
        }
        if (!type.isAnnotationPresent(kind)) {
            return null;
        }
        Class<?> declaring = beanClass;
        for (Class<?> c = beanClass; c != null; c = c.getSuperclass()) {
            if (c.getDeclaredAnnotation(kind) != null) {
                declaring = c;
                break;
            }
        }
        return new PolicySite(kind, method.getJavaMember(), false, declaring);
    }

    /** The annotation's own {@code enabled} keys: method, class, global; true when none is set. */
    static boolean enabled(PolicyConfig config, PolicySite site) {
        return config.read(site.methodKey("enabled"), Boolean.class)
                .or(() -> config.read(site.classKey("enabled"), Boolean.class))
                .or(() -> config.read(site.globalKey("enabled"), Boolean.class))
                .orElse(true);
    }
}
