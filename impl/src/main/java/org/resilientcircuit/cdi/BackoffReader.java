package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.api.BackoffStrategy;
import org.resilientcircuit.api.CustomBackoff;
import org.resilientcircuit.api.ExponentialBackoff;
import org.resilientcircuit.api.FibonacciBackoff;
import org.resilientcircuit.engine.Backoff;
import org.resilientcircuit.engine.Backoffs;

/**
 * Reads the backoff annotations that go with {@code @Retry} ({@link ExponentialBackoff},
 * {@link FibonacciBackoff}, {@link CustomBackoff}), applies configuration overrides and validates them.
 *
 * <p>Rules:
 * <ul>
 * <li>At most one backoff annotation on a method, and at most one on a class (the lowest class of the
 * hierarchy that declares one counts); one on the method replaces the class's, whatever its kind.
 * <li>A backoff annotation needs {@code @Retry}: a method-level one on the method or its class, a
 * class-level one on the class or on at least one of its methods. These two rules are checked whatever
 * the configuration says.
 * <li>Parameters are read and validated only when {@code @Retry} and the backoff are both enabled: the
 * backoff's {@code enabled} key (method, then class, then global) decides, default true;
 * {@code MP_Fault_Tolerance_NonFallback_Enabled} is not consulted (it already switches {@code @Retry} off).
 * A disabled backoff leaves the fixed delay of {@code @Retry}.
 * </ul>
 */
final class BackoffReader {

    static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class);

    private static final System.Logger LOG = System.getLogger(BackoffReader.class.getName());

    private BackoffReader() {
    }

    /**
     * Fails when a backoff annotation applies to the method but {@code @Retry} does not, or when two
     * backoff annotations are on the same level.
     */
    static void requireRetry(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        PolicySite site = site(beanClass, type, method);
        if (site == null || method.isAnnotationPresent(Retry.class) || type.isAnnotationPresent(Retry.class)) {
            return;
        }
        if (site.methodLevel()) {
            throw new FaultToleranceDefinitionException(site.describe()
                    + ": needs @Retry on the method or its class; a backoff only shapes the delays of a retry");
        }
        if (type.getMethods().stream().noneMatch(m -> m.isAnnotationPresent(Retry.class))) {
            throw new FaultToleranceDefinitionException(site.describe()
                    + ": needs @Retry on the class or on one of its methods; a backoff only shapes the delays of a retry");
        }
    }

    /**
     * The delays of an enabled {@code @Retry} whose (configured) delay is {@code initialDelayMillis}: what a
     * backoff annotation says, or fixed when there is none or it is disabled.
     */
    static Backoff backoff(PolicyConfig config, Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method,
            long initialDelayMillis) {
        PolicySite site = site(beanClass, type, method);
        if (site == null || !enabled(config, site)) {
            return Backoff.fixed(initialDelayMillis);
        }
        Class<? extends Annotation> kind = site.type();
        if (kind == ExponentialBackoff.class) {
            ExponentialBackoff annotation = find(ExponentialBackoff.class, site, type, method);
            double factor = config.value(site, "factor", Double.class, annotation.factor());
            long maxDelay = millis(config, site, annotation.maxDelay(), annotation.maxDelayUnit());
            site.require("factor", factor >= 1 && !Double.isInfinite(factor), "must be a finite number >= 1, was " + factor);
            requireMaxDelay(site, maxDelay, initialDelayMillis);
            return Backoffs.exponential(initialDelayMillis, factor, maxDelay);
        }
        if (kind == FibonacciBackoff.class) {
            FibonacciBackoff annotation = find(FibonacciBackoff.class, site, type, method);
            long maxDelay = millis(config, site, annotation.maxDelay(), annotation.maxDelayUnit());
            requireMaxDelay(site, maxDelay, initialDelayMillis);
            return Backoffs.fibonacci(initialDelayMillis, maxDelay);
        }
        CustomBackoff annotation = find(CustomBackoff.class, site, type, method);
        Class<?> strategy = config.value(site, "value", Class.class, annotation.value());
        site.require("value", BackoffStrategy.class.isAssignableFrom(strategy),
                "names " + strategy.getName() + ", which does not implement " + BackoffStrategy.class.getName());
        String problem = instantiationProblem(strategy);
        site.require("value", problem == null, "names " + strategy.getName() + ", which cannot be instantiated: " + problem);
        return new Custom(strategy.asSubclass(BackoffStrategy.class), initialDelayMillis,
                MethodNames.signature(beanClass, method.getJavaMember()), ContainerInstances.deploymentBeanManager());
    }

    private static void requireMaxDelay(PolicySite site, long maxDelay, long initialDelayMillis) {
        site.require("maxDelay", maxDelay >= initialDelayMillis,
                "must be at least the initial delay (@Retry delay, " + initialDelayMillis + " ms), was " + maxDelay + " ms");
    }

    /**
     * The site of the backoff annotation that applies: the method's, else the class's; null when none.
     * Two on one level fail, naming both.
     */
    private static PolicySite site(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        List<Class<? extends Annotation>> onMethod = ANNOTATIONS.stream().filter(method::isAnnotationPresent).toList();
        if (!onMethod.isEmpty()) {
            PolicySite site = new PolicySite(onMethod.get(0), method.getJavaMember(), true,
                    method.getJavaMember().getDeclaringClass());
            requireOne(site, onMethod);
            return site;
        }
        List<Class<? extends Annotation>> onClass = ANNOTATIONS.stream().filter(type::isAnnotationPresent).toList();
        if (onClass.isEmpty()) {
            return null;
        }
        // Inherited annotations of different kinds: the one declared lowest in the hierarchy wins.
        Class<?> lowest = onClass.stream().map(a -> declaringClass(a, beanClass))
                .reduce((a, b) -> a.isAssignableFrom(b) ? b : a).orElseThrow();
        List<Class<? extends Annotation>> lowestOnes = onClass.stream()
                .filter(a -> declaringClass(a, beanClass) == lowest).toList();
        PolicySite site = new PolicySite(lowestOnes.get(0), method.getJavaMember(), false, lowest);
        requireOne(site, lowestOnes);
        return site;
    }

    private static void requireOne(PolicySite site, List<Class<? extends Annotation>> found) {
        if (found.size() > 1) {
            throw new FaultToleranceDefinitionException(site.describe() + ": only one backoff annotation is allowed "
                    + (site.methodLevel() ? "on a method" : "on a class") + ", found "
                    + found.stream().map(a -> "@" + a.getSimpleName()).collect(Collectors.joining(" and ")));
        }
    }

    private static <A extends Annotation> A find(Class<A> annotation, PolicySite site, AnnotatedType<?> type,
            AnnotatedMethod<?> method) {
        return site.methodLevel() ? method.getAnnotation(annotation) : type.getAnnotation(annotation);
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

    /** Like {@link PolicyConfig#enabled} without the non-fallback switch: method key, class key, global key, true. */
    private static boolean enabled(PolicyConfig config, PolicySite site) {
        return config.read(site.methodKey("enabled"), Boolean.class)
                .or(() -> config.read(site.classKey("enabled"), Boolean.class))
                .or(() -> config.read(site.globalKey("enabled"), Boolean.class))
                .orElse(true);
    }

    /** {@code maxDelay} in {@code maxDelayUnit}, configured, in milliseconds; Long.MAX_VALUE when too large. */
    private static long millis(PolicyConfig config, PolicySite site, long amount, ChronoUnit unit) {
        long configuredAmount = config.value(site, "maxDelay", Long.class, amount);
        ChronoUnit configuredUnit = config.value(site, "maxDelayUnit", ChronoUnit.class, unit);
        if (configuredAmount < 0) {
            return configuredAmount; // left for the range check, which names the parameter
        }
        try {
            return configuredUnit.getDuration().multipliedBy(configuredAmount).toMillis();
        } catch (ArithmeticException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    /** Why the container could not create an instance of {@code type}, or null if it can. */
    static String instantiationProblem(Class<?> type) {
        if (type.isInterface()) {
            return "it is an interface";
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return "it is abstract";
        }
        if (type.isAnonymousClass() || type.isLocalClass()) {
            return "it is an anonymous or local class";
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            return "it is a non-static inner class";
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 0 || constructor.isAnnotationPresent(Inject.class)) {
                return null;
            }
        }
        return "it has neither a constructor without parameters nor an @Inject constructor";
    }

    /**
     * A {@link BackoffStrategy} as the engine's {@link Backoff}. The strategy is obtained at the first retry,
     * when the container is running, and kept. It never throws: the async retry could not report it.
     */
    static final class Custom implements Backoff {

        private final Class<? extends BackoffStrategy> type;
        private final long initialDelayMillis;
        private final String method;
        private final Supplier<BeanManager> beans;
        private final AtomicBoolean warned = new AtomicBoolean();
        private volatile BackoffStrategy strategy;

        Custom(Class<? extends BackoffStrategy> type, long initialDelayMillis, String method, Supplier<BeanManager> beans) {
            this.type = type;
            this.initialDelayMillis = initialDelayMillis;
            this.method = method;
            this.beans = beans;
        }

        Class<? extends BackoffStrategy> type() {
            return type;
        }

        long initialDelayMillis() {
            return initialDelayMillis;
        }

        @Override
        public long delayMillis(int retry, Throwable lastFailure) {
            try {
                long delay = strategy().nextDelayMillis(retry, initialDelayMillis, lastFailure);
                return Math.max(0, Math.min(delay, Backoffs.MAX_DELAY_MILLIS));
            } catch (RuntimeException | LinkageError broken) {
                System.Logger.Level level = warned.compareAndSet(false, true) ? System.Logger.Level.WARNING
                        : System.Logger.Level.DEBUG;
                LOG.log(level, "backoff strategy " + type.getName() + " of " + method + " failed before retry " + retry
                        + "; waiting the initial delay of " + initialDelayMillis + " ms instead", broken);
                return initialDelayMillis;
            }
        }

        private BackoffStrategy strategy() {
            BackoffStrategy result = strategy;
            if (result == null) {
                synchronized (this) {
                    result = strategy;
                    if (result == null) {
                        result = create(type, beans.get());
                        strategy = result;
                    }
                }
            }
            return result;
        }

        static <T extends BackoffStrategy> BackoffStrategy create(Class<T> type, BeanManager beans) {
            return ContainerInstances.create(type, beans);
        }

        @Override
        public String toString() {
            return "Custom[" + type.getName() + ", initial " + initialDelayMillis + " ms]";
        }
    }
}
