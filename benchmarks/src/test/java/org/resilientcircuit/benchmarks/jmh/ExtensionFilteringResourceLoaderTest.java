package org.resilientcircuit.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Set;

import org.jboss.weld.environment.deployment.WeldResourceLoader;
import org.junit.jupiter.api.Test;

class ExtensionFilteringResourceLoaderTest {

    private static final String SERVICES = ExtensionFilteringResourceLoader.EXTENSION_SERVICES;

    @Test
    void hidesTheServiceFilesOfBothImplementationsAndNothingElse() {
        List<String> all = listed(new WeldResourceLoader().getResources(SERVICES));
        assertTrue(all.containsAll(ExtensionFilteringResourceLoader.FAULT_TOLERANCE_EXTENSIONS),
                "both implementations are on the class path: " + all);

        List<String> visible = listed(new ExtensionFilteringResourceLoader(
                ExtensionFilteringResourceLoader.FAULT_TOLERANCE_EXTENSIONS).getResources(SERVICES));
        assertEquals(all.stream().filter(name -> !ExtensionFilteringResourceLoader.FAULT_TOLERANCE_EXTENSIONS.contains(name))
                .toList(), visible);
        assertTrue(visible.contains("io.smallrye.config.inject.ConfigExtension"), visible.toString());

        List<String> withoutSmallRye = listed(new ExtensionFilteringResourceLoader(
                Set.of("io.smallrye.faulttolerance.FaultToleranceExtension")).getResources(SERVICES));
        assertTrue(withoutSmallRye.contains("org.resilientcircuit.cdi.FaultToleranceExtension"));
        assertFalse(withoutSmallRye.contains("io.smallrye.faulttolerance.FaultToleranceExtension"));
    }

    @Test
    void otherResourcesAreUntouched() {
        ExtensionFilteringResourceLoader loader = new ExtensionFilteringResourceLoader(
                ExtensionFilteringResourceLoader.FAULT_TOLERANCE_EXTENSIONS);
        assertEquals(new WeldResourceLoader().getResources("META-INF/MANIFEST.MF"), loader.getResources("META-INF/MANIFEST.MF"));
        assertEquals(GuardedBean.class, loader.classForName(GuardedBean.class.getName()));
    }

    private static List<String> listed(Iterable<URL> files) {
        List<String> names = new java.util.ArrayList<>();
        files.forEach(file -> names.addAll(ExtensionFilteringResourceLoader.providers(file)));
        return names;
    }
}
