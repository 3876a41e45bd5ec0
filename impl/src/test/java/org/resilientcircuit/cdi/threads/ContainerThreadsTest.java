package org.resilientcircuit.cdi.threads;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.engine.ContextCapture;

/**
 * Outside an application server (no JNDI here, as in plain Weld SE) the library uses its own
 * threads, with or without the Jakarta Concurrency API on the class path; a setting naming an
 * executor that cannot be had is an error naming the setting.
 */
class ContainerThreadsTest {

    private static final ThreadSettings UNSET = new ThreadSettings(Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void withoutJndiTheLibraryUsesItsOwnThreads() throws Exception {
        assertTrue(ContainerThreads.available(ContainerThreads.class.getClassLoader()), "the API is on the test class path");
        try (Threads threads = ContainerThreads.choose(UNSET)) {
            assertTrue(threads.description().startsWith("Resilient Circuit runs asynchronous executions on its own threads"),
                    threads.description());
            assertSame(ContextCapture.CLASS_LOADER, threads.context());
            CompletableFuture<String> worker = new CompletableFuture<>();
            threads.scheduler().execute(() -> worker.complete(Thread.currentThread().getName()));
            assertTrue(worker.get(10, TimeUnit.SECONDS).startsWith("resilient-circuit-worker-"), worker.join());
        }
    }

    @Test
    void anExecutorNamedButNotBoundIsAnErrorNamingTheSetting() {
        ThreadSettings named = new ThreadSettings(Optional.of("java:comp/env/concurrent/orders"), Optional.empty(),
                Optional.empty());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ContainerThreads.choose(named));
        assertTrue(error.getMessage().startsWith("rc.executor names java:comp/env/concurrent/orders, but no"
                + " ManagedExecutorService is bound there"), error.getMessage());
    }

    @Test
    void theChooserRefersToNoConcurrencyType() throws IOException {
        try (InputStream in = ContainerThreads.class.getResourceAsStream("ContainerThreads.class")) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains("jakarta/enterprise/concurrent/"), "a Jakarta Concurrency type in ContainerThreads");
        }
    }

    @Test
    void withoutTheApiOwnThreadsAndASettingIsAnErrorNamingIt() throws Exception {
        URL classes = ContainerThreads.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutConcurrency = new ClassLoader(ContainerThreads.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("jakarta.enterprise.concurrent.") || name.startsWith("org.resilientcircuit.")) {
                    throw new ClassNotFoundException(name); // the API hidden; the library comes from the child
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader library = new URLClassLoader(new URL[] {classes}, withoutConcurrency)) {
            Class<?> chooser = library.loadClass(ContainerThreads.class.getName());
            assertNotSame(ContainerThreads.class, chooser);
            Class<?> settings = library.loadClass(ThreadSettings.class.getName());
            Method choose = chooser.getMethod("choose", settings);
            Object unset = settings.getConstructors()[0].newInstance(Optional.empty(), Optional.empty(), Optional.empty());
            Object named = settings.getConstructors()[0].newInstance(Optional.empty(),
                    Optional.of("concurrent/timers"), Optional.empty());

            AutoCloseable own = (AutoCloseable) choose.invoke(null, unset);
            assertTrue(own.toString().contains("on its own threads"), own.toString());
            own.close();
            InvocationTargetException refused = assertThrows(InvocationTargetException.class,
                    () -> choose.invoke(null, named));
            IllegalArgumentException error = assertInstanceOf(IllegalArgumentException.class, refused.getCause());
            assertTrue(error.getMessage().startsWith("rc.scheduled-executor=concurrent/timers names a managed executor,"
                    + " but Jakarta Concurrency (jakarta.enterprise.concurrent.ManagedExecutorService) is not on the"
                    + " class path"), error.getMessage());
        }
    }
}
