package org.resilientcircuit.cdi.health;



import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;





import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheckResponse;


/** What the health tests share: configuration, bounded waits, the TCP proxy. */
final class HealthTestSupport {

    private HealthTestSupport() {
    }

    /** Sets MicroProfile Config properties (as system properties) for containers booted from now on. */
    static void configure(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        releaseConfig();
    }

    static void unconfigure(Iterable<String> keys) {
        keys.forEach(System::clearProperty);
        releaseConfig();
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }


    /**
     * The fleet tests' TCP proxy in front of PostgreSQL (org.resilientcircuit.fleet.TcpProxy, package
     * private there), reached by reflection so that it is reused unchanged.
     */
    static final class Proxy implements AutoCloseable {

        private final Object proxy;
        private final List<Method> methods = new ArrayList<>();

        Proxy(String host, int port) {
            try {
                Class<?> type = Class.forName("org.resilientcircuit.fleet.TcpProxy");
                Constructor<?> constructor = type.getDeclaredConstructor(String.class, int.class);
                constructor.setAccessible(true);
                proxy = constructor.newInstance(host, port);
                for (String name : List.of("port", "cut", "restore", "close")) {
                    Method method = type.getDeclaredMethod(name);
                    method.setAccessible(true);
                    methods.add(method);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("org.resilientcircuit.fleet.TcpProxy changed", e);
            }
        }

        int port() {
            return (Integer) invoke(0);
        }

        /** Closes every connection and refuses new ones. */
        void cut() {
            invoke(1);
        }

        void restore() {
            invoke(2);
        }

        @Override
        public void close() {
            invoke(3);
        }

        private Object invoke(int index) {
            try {
                return methods.get(index).invoke(proxy);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
