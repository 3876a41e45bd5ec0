package org.resilientcircuit.cdi.health;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** What the health tests share: configuration and response data. */
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
}
