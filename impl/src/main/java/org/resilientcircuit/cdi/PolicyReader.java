package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.FailureWhen;
import org.resilientcircuit.api.RetryWhen;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.MethodPolicies.BulkheadSettings;
import org.resilientcircuit.engine.RetrySettings;

/**
 * Reads one method's annotations (method level first, then class level), applies configuration
 * overrides and validates every value. A value the specification forbids is a
 * {@link FaultToleranceDefinitionException} naming the annotation, class, method and parameter.
 */
final class PolicyReader {

    static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Asynchronous.class, Bulkhead.class,
            CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class);

    private final PolicyConfig config;
    private final FallbackReader fallbacks;

    PolicyReader(PolicyConfig config) {
        this.config = config;
        this.fallbacks = new FallbackReader(config);
    }

    /** @return the method's definition, or null when no fault-tolerance annotation applies to it */
    MethodDefinition read(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> annotated) {
        Method method = annotated.getJavaMember();
        if (!interceptable(method)) {
            return null;
        }
        BackoffReader.requireRetry(beanClass, type, annotated); // backoff annotations are no bindings: checked here
        OutcomeReader.requireAnchors(beanClass, type, annotated); // nor are @RetryWhen and @FailureWhen
        PrepareRetryReader.requireRetry(beanClass, type, annotated); // nor is @PrepareRetry
        if (ANNOTATIONS.stream().noneMatch(a -> find(a, type, annotated) != null)) {
            return null;
        }
        PolicySite async = enabledSite(Asynchronous.class, beanClass, type, annotated);
        boolean returnsCompletionStage = method.getReturnType() == CompletionStage.class;
        if (async != null && !returnsCompletionStage && method.getReturnType() != Future.class) {
            throw new FaultToleranceDefinitionException(async.describe()
                    + ": an @Asynchronous method must return java.util.concurrent.Future or CompletionStage, not "
                    + method.getGenericReturnType().getTypeName());
        }
        PolicySite cb = enabledSite(CircuitBreaker.class, beanClass, type, annotated);
        return new MethodDefinition(beanClass, method, async != null, returnsCompletionStage,
                fallbacks.read(enabledSite(Fallback.class, beanClass, type, annotated), find(Fallback.class, type, annotated)),
                retry(enabledSite(Retry.class, beanClass, type, annotated), find(Retry.class, type, annotated), beanClass,
                        type, annotated),
                circuitBreaker(cb, find(CircuitBreaker.class, type, annotated), beanClass, type, annotated),
                cb == null ? null : breakerKey(beanClass, type, annotated),
                timeout(enabledSite(Timeout.class, beanClass, type, annotated), find(Timeout.class, type, annotated)),
                bulkhead(enabledSite(Bulkhead.class, beanClass, type, annotated), find(Bulkhead.class, type, annotated)));
    }

    /** {@code @BreakerKey} (as configured) or the bean class and method signature. */
    private String breakerKey(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        BreakerKey named = find(BreakerKey.class, type, method);
        if (named == null) {
            return BreakerKeys.defaultKey(beanClass, method.getJavaMember());
        }
        PolicySite site = method.isAnnotationPresent(BreakerKey.class)
                ? new PolicySite(BreakerKey.class, method.getJavaMember(), true, method.getJavaMember().getDeclaringClass())
                : new PolicySite(BreakerKey.class, method.getJavaMember(), false, declaringClass(BreakerKey.class, beanClass));
        String key = config.value(site, "value", String.class, named.value());
        site.require("value", BreakerKeys.valid(key), "must be 1 to 255 characters without control characters, was \""
                + key + "\"");
        return key;
    }

    private static boolean interceptable(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && method.getDeclaringClass() != Object.class
                && !method.isSynthetic() && !method.isBridge();
    }

    private static <A extends Annotation> A find(Class<A> annotation, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        A onMethod = method.getAnnotation(annotation);
        return onMethod != null ? onMethod : type.getAnnotation(annotation);
    }

    /** The site of {@code annotation} for this method, or null when absent or disabled by configuration. */
    private PolicySite enabledSite(Class<? extends Annotation> annotation, Class<?> beanClass, AnnotatedType<?> type,
            AnnotatedMethod<?> method) {
        PolicySite site;
        if (method.isAnnotationPresent(annotation)) {
            site = new PolicySite(annotation, method.getJavaMember(), true, method.getJavaMember().getDeclaringClass());
        } else if (type.isAnnotationPresent(annotation)) {
            site = new PolicySite(annotation, method.getJavaMember(), false, declaringClass(annotation, beanClass));
        } else {
            return null;
        }
        return config.enabled(site) ? site : null;
    }

    /** The class in the hierarchy that carries an {@code @Inherited} annotation (the bean class if added by an extension). */
    private static Class<?> declaringClass(Class<? extends Annotation> annotation, Class<?> beanClass) {
        for (Class<?> c = beanClass; c != null; c = c.getSuperclass()) {
            if (c.getDeclaredAnnotation(annotation) != null) {
                return c;
            }
        }
        return beanClass;
    }

    private RetrySettings retry(PolicySite site, Retry retry, Class<?> beanClass, AnnotatedType<?> type,
            AnnotatedMethod<?> method) {
        if (site == null) {
            return null;
        }
        int maxRetries = config.value(site, "maxRetries", Integer.class, retry.maxRetries());
        long delay = millis(site, "delay", retry.delay(), "delayUnit", retry.delayUnit());
        long maxDuration = millis(site, "maxDuration", retry.maxDuration(), "durationUnit", retry.durationUnit());
        long jitter = millis(site, "jitter", retry.jitter(), "jitterDelayUnit", retry.jitterDelayUnit());
        site.require("maxRetries", maxRetries >= -1, "must be >= -1, was " + maxRetries);
        site.require("delay", delay >= 0, "must be >= 0, was " + delay + " ms");
        site.require("jitter", jitter >= 0, "must be >= 0, was " + jitter + " ms");
        site.require("maxDuration", maxDuration >= 0, "must be >= 0, was " + maxDuration + " ms");
        site.require("maxDuration", maxDuration == 0 || maxDuration > delay,
                "must be greater than delay (" + delay + " ms), was " + maxDuration + " ms");
        OutcomeReader.Outcomes when = OutcomeReader.read(config, RetryWhen.class, beanClass, type, method);
        return new RetrySettings(maxRetries, BackoffReader.backoff(config, beanClass, type, method, delay), maxDuration, jitter,
                new ExceptionFilter(config.throwables(site, "retryOn", retry.retryOn()), config.throwables(site, "abortOn", retry.abortOn()),
                        when.exception()),
                when.result(), PrepareRetryReader.read(config, beanClass, type, method));
    }

    private CircuitBreakerSettings circuitBreaker(PolicySite site, CircuitBreaker cb, Class<?> beanClass,
            AnnotatedType<?> type, AnnotatedMethod<?> method) {
        if (site == null) {
            return null;
        }
        long delay = millis(site, "delay", cb.delay(), "delayUnit", cb.delayUnit());
        int volume = config.value(site, "requestVolumeThreshold", Integer.class, cb.requestVolumeThreshold());
        double ratio = config.value(site, "failureRatio", Double.class, cb.failureRatio());
        int successes = config.value(site, "successThreshold", Integer.class, cb.successThreshold());
        site.require("delay", delay >= 0, "must be >= 0, was " + delay + " ms");
        site.require("requestVolumeThreshold", volume >= 1, "must be >= 1, was " + volume);
        site.require("failureRatio", ratio >= 0 && ratio <= 1, "must be between 0 and 1, was " + ratio);
        site.require("successThreshold", successes >= 1, "must be >= 1, was " + successes);
        OutcomeReader.Outcomes when = OutcomeReader.read(config, FailureWhen.class, beanClass, type, method);
        return new CircuitBreakerSettings(volume, ratio, delay, successes,
                new ExceptionFilter(config.throwables(site, "failOn", cb.failOn()), config.throwables(site, "skipOn", cb.skipOn()),
                        when.exception()),
                StoreConfig.DEFAULT_PROBE_LEASE_MILLIS, false, when.result());
    }

    private Long timeout(PolicySite site, Timeout timeout) {
        if (site == null) {
            return null;
        }
        long value = millis(site, "value", timeout.value(), "unit", timeout.unit());
        site.require("value", value >= 0, "must be >= 0, was " + value + " ms");
        return value == 0 ? null : value;
    }

    private BulkheadSettings bulkhead(PolicySite site, Bulkhead bulkhead) {
        if (site == null) {
            return null;
        }
        int value = config.value(site, "value", Integer.class, bulkhead.value());
        int queue = config.value(site, "waitingTaskQueue", Integer.class, bulkhead.waitingTaskQueue());
        site.require("value", value > 0, "must be > 0, was " + value);
        site.require("waitingTaskQueue", queue > 0, "must be > 0, was " + queue);
        return new BulkheadSettings(value, queue);
    }

    private long millis(PolicySite site, String amountParameter, long amount, String unitParameter, ChronoUnit unit) {
        long configuredAmount = config.value(site, amountParameter, Long.class, amount);
        ChronoUnit configuredUnit = config.value(site, unitParameter, ChronoUnit.class, unit);
        if (configuredAmount < 0) {
            return configuredAmount; // left for the caller's range check, which names the parameter
        }
        try {
            return configuredUnit.getDuration().multipliedBy(configuredAmount).toMillis();
        } catch (ArithmeticException tooLarge) {
            return Long.MAX_VALUE;
        }
    }


}
