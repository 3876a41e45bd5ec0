package org.resilientcircuit.benchmarks.deployment;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.resources.ClassLoaderResourceLoader;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.benchmarks.jmh.PostgresTarget;
import org.resilientcircuit.benchmarks.report.ResultFile;
import org.resilientcircuit.cdi.FaultToleranceExtension;

/**
 * How long a deployment with many guarded methods takes to start: one cold boot of Weld SE with our
 * extension, in this JVM, over {@link GeneratedBeans} (default 50 beans x 100 methods, each with
 * {@code @CircuitBreaker} and {@code @Retry}: 5,000 guarded methods and breakers), with the memory or the
 * PostgreSQL store and with or without a metrics system. Run one configuration per JVM: the figure is a
 * first deployment, class loading and JIT warm-up included, as a server's would be.
 *
 * <pre>
 * java -cp CLASSPATH org.resilientcircuit.benchmarks.deployment.DeploymentBench
 *      [--store memory|postgres] [--metrics none|mp-metrics|telemetry] [--beans 50] [--methods 100]
 *      [--calls-per-bean 100] [--out FILE]
 * </pre>
 *
 * The boot is timed from just before {@code Weld.initialize()} to its return (the sources are generated
 * and compiled before). Then the first {@code --calls-per-bean} methods of every bean (default: all) are
 * called once each, through the bean's client proxy, and that is timed too: work the library leaves to a
 * method's first call (registering its metrics, for MicroProfile Metrics) shows there. Then the deployment
 * is checked: every method has its breaker and, with a metrics system, every method called has its breaker
 * metrics; a check that fails ends the run with an exception. The PostgreSQL
 * store uses {@value PostgresTarget#BENCH_VARIABLE}, else {@value PostgresTarget#TEST_VARIABLE}, else
 * {@value PostgresTarget#DEFAULT_URL}, with {@code rc.schema.create=true} and a scratch namespace.
 */
public final class DeploymentBench {

    private DeploymentBench() {
    }

    /** The command line. */
    record Arguments(String store, MetricsSystem metrics, int beans, int methods, int callsPerBean, Path out) {

        static Arguments parse(String... args) {
            String store = "memory";
            MetricsSystem metrics = MetricsSystem.NONE;
            int beans = 50;
            int methods = 100;
            Integer callsPerBean = null;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--store" -> store = value;
                    case "--metrics" -> metrics = MetricsSystem.of(value);
                    case "--beans" -> beans = Integer.parseInt(value);
                    case "--methods" -> methods = Integer.parseInt(value);
                    case "--calls-per-bean" -> callsPerBean = Integer.parseInt(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (!store.equals("memory") && !store.equals("postgres")) {
                throw new IllegalArgumentException("--store memory|postgres, not " + store);
            }
            return new Arguments(store, metrics, beans, methods, callsPerBean == null ? methods : callsPerBean, out);
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        ResultFile result = run(arguments);
        if (arguments.out() != null) {
            Files.createDirectories(arguments.out().toAbsolutePath().getParent());
            result.write(arguments.out(), "deployment of " + result.get("guarded.methods") + " guarded methods: store "
                    + arguments.store() + ", metrics " + arguments.metrics().parameter());
        }
        System.out.printf("deployment: store %s, metrics %s, %s guarded methods: boot %s ms (discovery and validation %s ms,"
                + " AfterDeploymentValidation observers %s ms; CPU %s ms); then the first call of %s methods %s ms (CPU %s ms)%n",
                arguments.store(), arguments.metrics().parameter(), result.get("guarded.methods"), result.get("boot.ms"),
                result.get("discovery.validation.ms"), result.get("after.validation.ms"), result.get("boot.process.cpu.ms"),
                result.get("methods.called"), result.get("first.calls.ms"), result.get("first.calls.process.cpu.ms"));
    }

    /** Generates the beans, boots, checks and stops one deployment. */
    static ResultFile run(Arguments arguments) throws Exception {
        long generating = System.nanoTime();
        GeneratedBeans beans = GeneratedBeans.create(arguments.beans(), arguments.methods(),
                Files.createTempDirectory("rc-deployment"));
        long generatedMillis = millisSince(generating);

        Map<String, String> settings = new LinkedHashMap<>();
        PostgresTarget postgres = null;
        String namespace = "deploy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (arguments.store().equals("postgres")) {
            postgres = PostgresTarget.parse(PostgresTarget.benchmarkUrl());
            settings.putAll(postgres.settings());
            settings.put("rc.schema.create", "true");
            settings.put("rc.namespace", namespace);
            settings.put("rc.instance", "deploy/" + ProcessHandle.current().pid());
        }
        settings.put("mp.metrics.prometheus.enabled", "false"); // SmallRye Metrics: no Prometheus library here
        settings.forEach(System::setProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());

        MetricsSystem.Instance metrics = arguments.metrics().start();
        BootPhases phases = new BootPhases();
        List<Extension> extensions = new ArrayList<>(metrics.extensions());
        extensions.add(new FaultToleranceExtension());
        extensions.add(phases);
        Weld weld = new Weld("rc-deployment-" + UUID.randomUUID())
                .disableDiscovery()
                .setResourceLoader(new ClassLoaderResourceLoader(beans.loader()))
                .addBeanClasses(beans.classes().toArray(Class<?>[]::new))
                .addExtensions(extensions.toArray(Extension[]::new));
        ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(beans.loader());

        long booting = System.nanoTime();
        long bootingCpu = processCpuNanos();
        WeldContainer container = weld.initialize();
        long booted = System.nanoTime();
        long bootedCpu = processCpuNanos();

        ResultFile result = new ResultFile();
        try {
            System.out.printf("deployment: store %s, metrics %s, %d guarded methods: booted in %d ms (CPU %d ms)%n",
                    arguments.store(), arguments.metrics().parameter(), beans.guardedMethods(), (booted - booting) / 1_000_000,
                    (bootedCpu - bootingCpu) / 1_000_000);
            int meteredAtBoot = metrics.meteredBreakerMethods().getAsInt();
            long calling = System.nanoTime();
            long callingCpu = processCpuNanos();
            int called = callFirstMethods(container, beans, arguments.callsPerBean());
            long calledMillis = millisSince(calling);
            long calledCpuMillis = (processCpuNanos() - callingCpu) / 1_000_000;
            int breakers = container.select(CircuitBreakers.class).get().all().size();
            int metered = metrics.meteredBreakerMethods().getAsInt();
            String store = container.select(CircuitBreakers.class).get().store().description();
            check(breakers == beans.guardedMethods(), beans.guardedMethods() + " breakers expected, found " + breakers);
            check(store.startsWith("PostgreSQL") == arguments.store().equals("postgres"),
                    "store " + arguments.store() + " expected, the deployment runs on: " + store);
            // Registered at deployment (every method) or at a method's first call (those called), never fewer.
            check(arguments.metrics() == MetricsSystem.NONE ? metered == 0 : metered >= called,
                    "breaker metrics of at least the " + called + " methods called expected in "
                            + arguments.metrics().parameter() + ", found " + metered);
            result.put("store", arguments.store());
            result.put("store.description", store);
            result.put("metrics", arguments.metrics().parameter());
            result.put("beans", arguments.beans());
            result.put("methods.per.bean", arguments.methods());
            result.put("guarded.methods", beans.guardedMethods());
            result.put("breakers", breakers);
            result.put("metered.methods.at.boot", meteredAtBoot);
            result.put("metered.methods.after.first.calls", metered);
            result.put("methods.called", called);
            result.put("generate.compile.ms", generatedMillis);
            result.put("boot.ms", (booted - booting) / 1_000_000);
            result.put("boot.process.cpu.ms", (bootedCpu - bootingCpu) / 1_000_000);
            result.put("bootstrap.ms", (phases.discoveryStarted() - booting) / 1_000_000);
            result.put("discovery.validation.ms", (phases.validationObserversStarted() - phases.discoveryStarted()) / 1_000_000);
            result.put("after.validation.ms", (phases.validationObserversEnded() - phases.validationObserversStarted()) / 1_000_000);
            result.put("first.calls.ms", calledMillis);
            result.put("first.calls.process.cpu.ms", calledCpuMillis);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        } finally {
            long stopping = System.nanoTime();
            container.shutdown();
            result.put("shutdown.ms", millisSince(stopping));
            metrics.close().run();
            Thread.currentThread().setContextClassLoader(previousLoader);
            settings.keySet().forEach(System::clearProperty);
            if (postgres != null) {
                postgres.deleteNamespace(namespace);
            }
        }
        return result;
    }

    /**
     * One call of the first {@code perBean} methods of every bean, through the beans' client proxies: each must
     * return its argument. Returns the methods called.
     */
    private static int callFirstMethods(WeldContainer container, GeneratedBeans beans, int perBean) throws Exception {
        int called = 0;
        for (Class<?> type : beans.classes()) {
            Object bean = container.select(type).get();
            for (int method = 0; method < Math.min(perBean, beans.methodsPerBean()); method++, called++) {
                Object answer = type.getMethod(GeneratedBeans.methodName(method), String.class).invoke(bean, "ok");
                check("ok".equals(answer), type.getName() + "#" + GeneratedBeans.methodName(method) + " returned " + answer);
            }
        }
        return called;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * CPU time of the whole JVM (every thread, the JIT and GC included): on a busy machine the wall-clock
     * boot time also counts the time other processes had the cores, this does not.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
