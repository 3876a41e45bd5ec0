package org.resilientcircuit.cdi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MicroProfile Config properties for one test, given as {@code key=value}. {@link Properties} sets them as system
 * properties (SmallRye Config reads those) and drops the cached Config so the container about to boot sees exactly
 * these; afterwards it removes them and drops the Config again. Register it before {@code @EnableWeld} so that it
 * runs before Weld boots and after Weld shuts down.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WithConfig {

    String[] value();

    final class Properties implements BeforeEachCallback, AfterEachCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Properties.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            List<String> keys = new ArrayList<>();
            WithConfig config = context.getRequiredTestMethod().getAnnotation(WithConfig.class);
            if (config != null) {
                for (String entry : config.value()) {
                    int eq = entry.indexOf('=');
                    String key = entry.substring(0, eq);
                    if (System.getProperty(key) != null) {
                        throw new IllegalStateException("system property " + key + " is already set");
                    }
                    System.setProperty(key, entry.substring(eq + 1));
                    keys.add(key);
                }
            }
            context.getStore(NAMESPACE).put("keys", keys);
            release();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            @SuppressWarnings("unchecked")
            List<String> keys = context.getStore(NAMESPACE).remove("keys", List.class);
            if (keys != null) {
                keys.forEach(System::clearProperty);
            }
            release();
        }

        static void release() {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }
}
