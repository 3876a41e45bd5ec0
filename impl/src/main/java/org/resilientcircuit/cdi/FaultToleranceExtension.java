package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.health.HealthChecks;
import org.resilientcircuit.cdi.metrics.FaultToleranceMetrics;
import org.resilientcircuit.cdi.threads.ContainerThreads;
import org.resilientcircuit.cdi.threads.ThreadSettings;
import org.resilientcircuit.cdi.threads.Threads;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreStatus;

/**
 * The portable extension: makes the specification's annotations bind our interceptor, reads and
 * validates every guarded method at deployment (errors fail the deployment), builds every chain once
 * the deployment is valid, and releases the library's threads at shutdown.
 */
public class FaultToleranceExtension implements Extension {

    static final String PRIORITY_KEY = "mp.fault.tolerance.interceptor.priority";
    private static final System.Logger LOG = System.getLogger(FaultToleranceExtension.class.getName());

    private final Map<Class<?>, Map<Method, MethodDefinition>> definitions = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<Method, GuardedMethod>> guarded = new ConcurrentHashMap<>();
    private PolicyReader reader;
    private FaultToleranceRuntime runtime;

    void bindInterceptor(@Observes BeforeBeanDiscovery event) {
        for (Class<? extends Annotation> annotation : PolicyReader.ANNOTATIONS) {
            event.configureInterceptorBinding(annotation).add(FaultToleranceBinding.Literal.INSTANCE);
        }
    }

    /** See {@link DirectBindings}: without this, OpenWebBeans never calls our interceptor. */
    void bindDirectly(@Observes ProcessAnnotatedType<?> event) {
        DirectBindings.add(event);
    }

    /**
     * Switches off any other MicroProfile Fault Tolerance implementation for this application (see
     * {@link OtherImplementations}), so that ours is the only one acting on its annotations, and says
     * so. An interceptor that is not in this list is not enabled, so it never runs; vetoing its type
     * instead fails the deployment on Payara, which builds its beans from that type after discovery.
     * Observed late ({@code @Priority}), after the other implementation's extension added its class.
     */
    void disableContainerFaultTolerance(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) AfterTypeDiscovery event) {
        for (String removed : OtherImplementations.switchOff(event.getInterceptors())) {
            LOG.log(System.Logger.Level.INFO, "Resilient Circuit implements MicroProfile Fault Tolerance for this "
                    + "application: {0} is switched off for it", removed);
        }
    }

    /** See {@link InterceptorOrder}: without this, OpenWebBeans cannot order our interceptor with others. */
    void orderInterceptor(@Observes AfterTypeDiscovery event, BeanManager beans) {
        if (InterceptorOrder.needsListEntry(beans)) {
            InterceptorOrder.place(event.getInterceptors(), FaultToleranceInterceptor.class, interceptorPriority());
        }
    }

    void addInterceptor(@Observes AfterBeanDiscovery event) {
        event.addBean(new FaultToleranceInterceptor(this::guardedMethodsOf, interceptorPriority()));
    }

    private static int interceptorPriority() {
        return config().getOptionalValue(PRIORITY_KEY, Integer.class).orElse(Interceptor.Priority.PLATFORM_AFTER + 10);
    }

    void readDefinitions(@Observes ProcessManagedBean<?> event) {
        AnnotatedType<?> type = event.getAnnotatedBeanClass();
        Class<?> beanClass = event.getBean().getBeanClass();
        Map<Method, MethodDefinition> methods = new HashMap<>();
        for (List<AnnotatedMethod<?>> overrides : bySignature(type).values()) {
            try {
                MethodDefinition definition = reader().read(beanClass, type, mostSpecific(overrides));
                if (definition != null) {
                    // The container may report any method of the override chain as the intercepted one.
                    overrides.forEach(method -> methods.put(method.getJavaMember(), definition));
                }
            } catch (FaultToleranceDefinitionException invalid) {
                event.addDefinitionError(invalid);
            }
        }
        // Every bean class gets an entry, guarded methods or not: the interceptor finds a call's chain
        // by walking up from the intercepted instance's class and must stop at the bean's own class.
        guarded.computeIfAbsent(beanClass, c -> new ConcurrentHashMap<>());
        if (!methods.isEmpty()) {
            definitions.put(beanClass, methods);
        }
    }

    /** A bean's methods grouped by name and parameter types: an override and the methods it overrides. */
    private static Map<List<Object>, List<AnnotatedMethod<?>>> bySignature(AnnotatedType<?> type) {
        Map<List<Object>, List<AnnotatedMethod<?>>> groups = new HashMap<>();
        for (AnnotatedMethod<?> method : type.getMethods()) {
            Method java = method.getJavaMember();
            List<Object> signature = List.of(java.getName(), List.of(java.getParameterTypes()));
            groups.computeIfAbsent(signature, k -> new ArrayList<>()).add(method);
        }
        return groups;
    }

    /** The override that a call actually runs: the one declared lowest in the class hierarchy. */
    private static AnnotatedMethod<?> mostSpecific(List<AnnotatedMethod<?>> overrides) {
        AnnotatedMethod<?> result = overrides.get(0);
        for (AnnotatedMethod<?> candidate : overrides) {
            if (result.getJavaMember().getDeclaringClass().isAssignableFrom(candidate.getJavaMember().getDeclaringClass())) {
                result = candidate;
            }
        }
        return result;
    }

    void addMaintenance(@Observes AfterBeanDiscovery event) {
        Maintenance maintenance = new Maintenance(() -> runtime == null ? Map.of() : runtime.breakers(),
                () -> runtime == null ? new StoreStatus("not started", true, "deployment not finished") : runtime.store().status());
        event.addBean()
                .types(CircuitBreakers.class, Object.class)
                .scope(Dependent.class)
                .createWith(context -> maintenance);
        HealthChecks.addIfAvailable(event);
    }

    void addFallbackHandlers(@Observes AfterBeanDiscovery event, BeanManager beans) {
        definitions.values().stream()
                .flatMap(methods -> methods.values().stream())
                .filter(definition -> definition.fallback() != null && definition.fallback().handler() != null)
                .map(definition -> definition.fallback().handler())
                .distinct()
                .forEach(handler -> FallbackHandlerBeans.addIfMissing(handler, event, beans));
    }

    void start(@Observes AfterDeploymentValidation event, BeanManager beans) {
        StoreConfig settings;
        Threads threads;
        StateStore store;
        try {
            settings = StoreConfig.read(config());
            threads = ContainerThreads.choose(ThreadSettings.read(config()));
        } catch (IllegalArgumentException misconfigured) {
            event.addDeploymentProblem(misconfigured);
            return;
        }
        try {
            threads = ContainerThreads.withContextPropagation(threads, beans);
        } catch (IllegalArgumentException misconfigured) {
            threads.close();
            event.addDeploymentProblem(misconfigured);
            return;
        }
        try {
            store = StateStores.create(settings, beans, threads.threadFactory());
        } catch (IllegalArgumentException misconfigured) {
            threads.close();
            event.addDeploymentProblem(misconfigured);
            return;
        }
        LOG.log(System.Logger.Level.INFO, threads.description());
        FaultToleranceMetrics metrics = FaultToleranceMetrics.create(
                config().getOptionalValue(FaultToleranceMetrics.ENABLED_KEY, Boolean.class).orElse(true), beans);
        runtime = new FaultToleranceRuntime(threads, store, settings.probeLeaseMillis(), settings.rejectionStackTrace(), beans,
                metrics);
        definitions.forEach((beanClass, methods) -> {
            Map<Method, GuardedMethod> chains = guarded.get(beanClass);
            methods.forEach((method, definition) -> chains.put(method, runtime.guard(definition)));
        });
        LOG.log(System.Logger.Level.INFO, "Resilient Circuit guards {0} methods of {1} beans; breaker state: {2}; metrics: {3}",
                definitions.values().stream().mapToInt(Map::size).sum(), definitions.size(), runtime.store().describe(),
                metrics.describe());
    }

    /**
     * Unregisters the deployment's metrics while the application's beans (a metric registry may be
     * one) are still there; {@link #stop} would be too late for that.
     */
    void unregisterMetrics(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (runtime != null) {
            runtime.metrics().close();
        }
    }

    void stop(@Observes BeforeShutdown event) {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The chains of a bean class's guarded methods (filled after deployment validation), or null for a class that is no bean. */
    Map<Method, GuardedMethod> guardedMethodsOf(Class<?> beanClass) {
        return guarded.get(beanClass);
    }

    private PolicyReader reader() {
        if (reader == null) {
            reader = new PolicyReader(new PolicyConfig(config()));
        }
        return reader;
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
