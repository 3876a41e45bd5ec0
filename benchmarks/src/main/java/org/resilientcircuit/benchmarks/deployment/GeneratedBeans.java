package org.resilientcircuit.benchmarks.deployment;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * An application with many guarded methods, made at run time: {@code beans} {@code @ApplicationScoped}
 * classes of {@code methodsPerBean} public methods each, every method with {@code @CircuitBreaker} and
 * {@code @Retry} (so one breaker per method, under its default key). The classes are written as Java
 * source and compiled with the JDK's compiler into a temporary directory, then loaded by a class loader of
 * their own: the deployment measured is made of ordinary compiled classes, as an application's would be.
 *
 * @param loader the class loader of the generated classes (its parent: this class's loader)
 * @param classes the bean classes
 * @param methodsPerBean guarded methods in each class
 */
public record GeneratedBeans(ClassLoader loader, List<Class<?>> classes, int methodsPerBean) {

    static final String PACKAGE = "org.resilientcircuit.benchmarks.generated";

    /** Every guarded method of the deployment. */
    public int guardedMethods() {
        return classes.size() * methodsPerBean;
    }

    /** Writes, compiles and loads the classes in a fresh directory under {@code workDir}. */
    public static GeneratedBeans create(int beans, int methodsPerBean, Path workDir) {
        try {
            Path sources = Files.createTempDirectory(workDir, "generated-src");
            Path classes = Files.createTempDirectory(workDir, "generated-classes");
            List<Path> files = new ArrayList<>();
            for (int bean = 0; bean < beans; bean++) {
                Path file = sources.resolve(className(bean) + ".java");
                Files.writeString(file, source(bean, methodsPerBean), StandardCharsets.UTF_8);
                files.add(file);
            }
            compile(files, classes);
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    GeneratedBeans.class.getClassLoader());
            List<Class<?>> loaded = new ArrayList<>();
            for (int bean = 0; bean < beans; bean++) {
                loaded.add(loader.loadClass(PACKAGE + "." + className(bean)));
            }
            return new GeneratedBeans(loader, List.copyOf(loaded), methodsPerBean);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a generated class was compiled but cannot be loaded", e);
        }
    }

    static String className(int bean) {
        return String.format(Locale.ROOT, "GuardedBean%04d", bean);
    }

    static String methodName(int method) {
        return String.format(Locale.ROOT, "call%03d", method);
    }

    /** One bean class; the policies' values are ordinary ones, valid, so that every method passes validation. */
    static String source(int bean, int methods) {
        StringBuilder out = new StringBuilder();
        out.append("package ").append(PACKAGE).append(";\n\n")
                .append("@jakarta.enterprise.context.ApplicationScoped\n")
                .append("public class ").append(className(bean)).append(" {\n");
        for (int method = 0; method < methods; method++) {
            out.append("    @org.eclipse.microprofile.faulttolerance.CircuitBreaker(requestVolumeThreshold = 10,"
                    + " failureRatio = 0.5, delay = 5000)\n")
                    .append("    @org.eclipse.microprofile.faulttolerance.Retry(maxRetries = 2, delay = 10)\n")
                    .append("    public String ").append(methodName(method)).append("(String argument) {\n")
                    .append("        return argument;\n")
                    .append("    }\n");
        }
        return out.append("}\n").toString();
    }

    /** Compiles against the two APIs the sources name, found where this JVM loaded them from. */
    private static void compile(List<Path> files, Path into) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the benchmark on a JDK, not a JRE");
        }
        String classPath = Stream.of(CircuitBreaker.class, ApplicationScoped.class)
                .map(GeneratedBeans::location)
                .collect(Collectors.joining(File.pathSeparator));
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-classpath", classPath, "-d",
                into.toString()));
        files.forEach(file -> arguments.add(file.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("compiling the generated beans failed:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
