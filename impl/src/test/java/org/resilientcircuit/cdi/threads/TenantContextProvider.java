package org.resilientcircuit.cdi.threads;

import java.util.Map;

import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;

/**
 * A context of the application's own for MicroProfile Context Propagation: the caller's tenant, a
 * thread-local the library knows nothing of. Found by the implementation through
 * {@code META-INF/services}; only tests that run with an implementation on the class path use it.
 */
public final class TenantContextProvider implements ThreadContextProvider {

    public static final String TYPE = "Tenant";
    public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> props) {
        return snapshot(TENANT.get());
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> props) {
        return snapshot(null);
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }

    private static ThreadContextSnapshot snapshot(String tenant) {
        return () -> {
            String before = TENANT.get();
            TENANT.set(tenant);
            ThreadContextController restore = () -> TENANT.set(before);
            return restore;
        };
    }
}
