package org.resilientcircuit.benchmarks.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.spi.Extension;

import org.jboss.weld.environment.deployment.WeldResourceLoader;
import org.jboss.weld.resources.spi.ResourceLoader;

/**
 * Weld's resource loader, except that the service-provider files of CDI extensions that name one of the
 * hidden extension classes are not found: the container cannot load those extensions through
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}. Both fault-tolerance
 * implementations are on the benchmarks' class path; a container must see at most the one it is given
 * explicitly. (Weld SE 5 reads these files only with discovery enabled, and the benchmarks disable it;
 * this keeps them right if that ever changes, and the setup checks which interceptor actually runs.)
 */
final class ExtensionFilteringResourceLoader implements ResourceLoader {

    static final String EXTENSION_SERVICES = "META-INF/services/" + Extension.class.getName();

    /** The CDI extensions of the two fault-tolerance implementations on the class path. */
    static final Set<String> FAULT_TOLERANCE_EXTENSIONS = Set.of(
            "org.resilientcircuit.cdi.FaultToleranceExtension",
            "io.smallrye.faulttolerance.FaultToleranceExtension");

    private final ResourceLoader delegate = new WeldResourceLoader();
    private final Set<String> hidden;

    ExtensionFilteringResourceLoader(Set<String> hidden) {
        this.hidden = Set.copyOf(hidden);
    }

    @Override
    public Class<?> classForName(String name) {
        return delegate.classForName(name);
    }

    @Override
    public URL getResource(String name) {
        if (EXTENSION_SERVICES.equals(name)) {
            Collection<URL> visible = getResources(name);
            return visible.isEmpty() ? null : visible.iterator().next();
        }
        return delegate.getResource(name);
    }

    @Override
    public Collection<URL> getResources(String name) {
        Collection<URL> found = delegate.getResources(name);
        if (!EXTENSION_SERVICES.equals(name)) {
            return found;
        }
        List<URL> visible = new ArrayList<>();
        for (URL file : found) {
            List<String> listed = providers(file);
            List<String> hiddenHere = listed.stream().filter(hidden::contains).toList();
            if (hiddenHere.isEmpty()) {
                visible.add(file);
            } else if (hiddenHere.size() != listed.size()) {
                // Dropping the file would drop other extensions with it; rather fail than run a different container.
                throw new IllegalStateException(file + " lists " + hiddenHere + " together with other extensions: "
                        + listed);
            }
        }
        return visible;
    }

    /** The class names a service-provider file lists (comments and blank lines left out). */
    static List<String> providers(URL file) {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return names;
    }

    @Override
    public void cleanup() {
        delegate.cleanup();
    }
}
