package org.resilientcircuit.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The release profile as a release manager runs it, with a throw-away key: a copy of the sources is built
 * with {@code -Prelease} and installed into an empty staging repository (the layout that is uploaded to
 * Maven Central), and every artifact there must carry a detached signature that {@code gpg --verify}
 * accepts as made by that key. The key has a passphrase, given as {@code MAVEN_GPG_PASSPHRASE}, so the
 * profile's non-interactive path (loopback pinentry) is the one tested.
 *
 * <p>Also proves: the release profile's checks of Central's requirements pass on every pom (the nested
 * build fails otherwise), and fail on a pom without licenses or scm and on a release with a SNAPSHOT
 * dependency; the staged BOM has no parent and manages api and impl only, so that a user's project that
 * imports it gets their versions and not those of the build's test libraries; a changed artifact no
 * longer verifies (so the verification checks something).
 *
 * <p>Needs gpg (Debian's gnupg; .ci/run installs it): without it the test fails, it does not skip.
 */
class ReleaseSigningIT {

    private static final String VERSION_DIR = "org/resilientcircuit/%s/%s/";
    private static final String PASSPHRASE = "release-test-passphrase";
    private static final long BUILD_TIMEOUT_SECONDS = 600;

    private final Path root = Path.of(System.getProperty("rc.root", "..")).toAbsolutePath().normalize();
    private final boolean offline = System.getProperty("rc.offline", "offline=false").equals("offline=true");
    private final String localRepository = System.getProperty("rc.local.repository",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());

    private Path work;
    private Path gnupgHome;

    @BeforeEach
    void workDirectory() throws IOException {
        // short: gpg-agent's socket lives in GNUPGHOME when /run/user/<uid> does not exist, and a Unix
        // socket's path is limited to about 100 characters
        work = Files.createTempDirectory("rc-release");
        gnupgHome = Files.createDirectory(work.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void cleanUp() throws IOException, InterruptedException {
        if (gnupgHome != null) {
            try {
                // the agent that gpg started for this key ring
                run(List.of("gpgconf", "--kill", "all"), work, 30, false);
            } catch (IOException noGpgconf) {
                // no gpg at all: the test has failed already, and no agent runs
            }
        }
        deleteTree(work);
    }

    @Test
    void releaseProfileSignsEveryArtifactAndEachSignatureVerifies() throws Exception {
        requireGpg();
        String fingerprint = throwAwayKey();

        Path sources = copyProject("src", true);
        Path staging = work.resolve("staging");
        String version = projectVersion(sources.resolve("pom.xml"));

        long started = System.nanoTime();
        // installs only this build's artifacts into the staging repository
        Result build = maven(sources, staging, "-Prelease", "-pl", ":resilient-circuit-parent,api,impl,bom",
                "-Dmaven.test.skip=true", "install");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("ReleaseSigningIT: signed build (%s) took %d s%n", offline ? "offline" : "online", seconds);
        if (build.exit() != 0) {
            fail("the release build failed (exit " + build.exit() + "):\n" + tail(build.output(), 60));
        }

        List<String> expected = List.of(
                artifact("resilient-circuit-parent", version, ".pom"),
                artifact("resilient-circuit-api", version, ".pom"),
                artifact("resilient-circuit-api", version, ".jar"),
                artifact("resilient-circuit-api", version, "-sources.jar"),
                artifact("resilient-circuit-api", version, "-javadoc.jar"),
                artifact("resilient-circuit-impl", version, ".pom"),
                artifact("resilient-circuit-impl", version, ".jar"),
                artifact("resilient-circuit-impl", version, "-sources.jar"),
                artifact("resilient-circuit-impl", version, "-javadoc.jar"),
                artifact("resilient-circuit-impl", version, "-cli.jar"),
                artifact("resilient-circuit-bom", version, ".pom"));
        for (String file : expected) {
            assertTrue(Files.isRegularFile(staging.resolve(file)), "not staged: " + file);
            assertTrue(Files.isRegularFile(staging.resolve(file + ".asc")), "not signed: " + file);
        }

        // every signature in the staging repository, not only the expected ones
        List<Path> signatures;
        try (Stream<Path> files = Files.walk(staging)) {
            signatures = files.filter(file -> file.toString().endsWith(".asc")).sorted().toList();
        }
        List<String> verified = new ArrayList<>();
        for (Path signature : signatures) {
            Path signed = signature.resolveSibling(signature.getFileName().toString().replaceFirst("\\.asc$", ""));
            assertTrue(Files.isRegularFile(signed), "a signature without its file: " + staging.relativize(signature));
            Result verify = verify(signature, signed);
            assertEquals(0, verify.exit(), "gpg --verify failed for " + staging.relativize(signed) + ":\n"
                    + verify.output());
            assertTrue(verify.output().contains("[GNUPG:] GOODSIG "), verify.output());
            assertTrue(verify.output().contains("[GNUPG:] VALIDSIG " + fingerprint),
                    "not signed by the throw-away key " + fingerprint + ":\n" + verify.output());
            verified.add(staging.relativize(signed).toString());
        }
        assertTrue(verified.containsAll(expected), "verified " + verified + ", expected " + expected);
        System.out.println("ReleaseSigningIT: " + verified.size() + " signatures verified:");
        verified.forEach(file -> System.out.println("  " + file));

        // a changed artifact must not verify
        Path jar = staging.resolve(artifact("resilient-circuit-api", version, ".jar"));
        Path tampered = work.resolve("tampered.jar");
        Files.copy(jar, tampered);
        Files.write(tampered, new byte[] {0}, StandardOpenOption.APPEND);
        Result bad = verify(jar.resolveSibling(jar.getFileName() + ".asc"), tampered);
        assertTrue(bad.exit() != 0 && bad.output().contains("[GNUPG:] BADSIG "),
                "a changed jar still verified:\n" + bad.output());

        stagedBomManagesOnlyTheLibrary(staging.resolve(artifact("resilient-circuit-bom", version, ".pom")), version);
        aUserOfTheBomGetsTheLibraryAndNothingElse(staging, version);
    }

    /**
     * A user's project that imports the staged BOM: api and impl need no version, and a library that the
     * project's own build manages (JUnit) is not managed for the user.
     */
    private void aUserOfTheBomGetsTheLibraryAndNothingElse(Path staging, String version) throws Exception {
        Path user = Files.createDirectory(work.resolve("user"));
        copyFile(root.resolve("mvnw"), user.resolve("mvnw"));
        copyTree(root.resolve(".mvn"), user.resolve(".mvn"));
        String library = dependency("resilient-circuit-api") + dependency("resilient-circuit-impl");
        Files.writeString(user.resolve("pom.xml"), userPom(version, library));
        Result resolved = maven(user, staging, "validate");
        assertEquals(0, resolved.exit(), "api and impl without a version, under the staged BOM:\n"
                + tail(resolved.output(), 40));

        Files.writeString(user.resolve("pom.xml"), userPom(version, library
                + "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></dependency>"));
        Result leaked = maven(user, staging, "validate");
        assertTrue(leaked.exit() != 0 && leaked.output().contains(
                "'dependencies.dependency.version' for org.junit.jupiter:junit-jupiter:jar is missing"),
                "the staged BOM manages JUnit for its users:\n" + tail(leaked.output(), 40));
    }

    private static String dependency(String artifactId) {
        return "<dependency><groupId>org.resilientcircuit</groupId><artifactId>" + artifactId
                + "</artifactId></dependency>";
    }

    private static String userPom(String version, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>bom-user</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.resilientcircuit</groupId>
                        <artifactId>resilient-circuit-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(version, dependencies);
    }

    /**
     * The release profile's checks fail the build on what Central would reject: a pom without licenses
     * or scm, and a release that depends on a SNAPSHOT. Only poms are needed: the checks run at validate.
     */
    @Test
    void releaseChecksRejectWhatCentralRejects() throws Exception {
        Path noMetadata = copyProject("no-metadata", false);
        edit(noMetadata.resolve("pom.xml"), pom -> cut(cut(pom, "<licenses>", "</licenses>"), "<scm ", "</scm>"));
        Result missing = maven(noMetadata, work.resolve("repo"), "-Prelease", "-pl", ":resilient-circuit-parent,api",
                "validate");
        assertTrue(missing.exit() != 0, "a pom without licenses and scm passed the release checks:\n"
                + tail(missing.output(), 40));
        for (String complaint : List.of("Property \"project.licenses\" evaluates to \"[]\"",
                "Maven Central requires scm connection", "Maven Central requires scm developerConnection",
                "Maven Central requires scm url")) {
            assertTrue(missing.output().contains(complaint), "no \"" + complaint + "\" in:\n"
                    + tail(missing.output(), 40));
        }

        Path snapshotDependency = copyProject("snapshot-dependency", false);
        String version = asSnapshot(snapshotDependency);
        // api as a release that still depends on a SNAPSHOT (the parent's pom, which the reactor has)
        edit(snapshotDependency.resolve("api/pom.xml"), pom -> pom
                .replaceFirst("(<artifactId>resilient-circuit-api</artifactId>)",
                        "$1<version>" + version.replace("-SNAPSHOT", "") + "</version>")
                .replaceFirst("<dependencies>", "<dependencies><dependency><groupId>org.resilientcircuit</groupId>"
                        + "<artifactId>resilient-circuit-parent</artifactId><version>" + version
                        + "</version><type>pom</type></dependency>"));
        Result snapshot = maven(snapshotDependency, work.resolve("repo"), "-Prelease", "-pl",
                ":resilient-circuit-parent,api", "validate");
        assertTrue(snapshot.exit() != 0, "a release with a SNAPSHOT dependency passed the release checks:\n"
                + tail(snapshot.output(), 40));
        assertTrue(snapshot.output().contains("resilient-circuit-parent:pom:" + version + " <--- is not a release dependency"),
                tail(snapshot.output(), 40));
        System.out.println("ReleaseSigningIT: the release checks rejected a pom without licenses and scm, and a"
                + " release with a SNAPSHOT dependency");
    }

    /** What a user imports: no parent (its dependencyManagement would come along), api and impl only, Central's metadata. */
    private static void stagedBomManagesOnlyTheLibrary(Path bom, String version) throws Exception {
        Document pom = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(bom.toFile());
        Element project = pom.getDocumentElement();
        assertTrue(children(project, "parent").isEmpty(), "the staged BOM has a parent: " + bom);
        for (String required : List.of("name", "description", "url", "licenses", "developers", "scm")) {
            assertFalse(children(project, required).isEmpty(), "the staged BOM has no " + required);
        }
        List<Element> management = children(project, "dependencyManagement");
        assertEquals(1, management.size(), "dependencyManagement of " + bom);
        List<String> managed = new ArrayList<>();
        for (Element dependencies : children(management.get(0), "dependencies")) {
            for (Element dependency : children(dependencies, "dependency")) {
                String managedVersion = text(dependency, "version").replace("${project.version}", text(project, "version"));
                assertEquals(version, managedVersion, "version of " + text(dependency, "artifactId"));
                managed.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
        }
        assertEquals(List.of("org.resilientcircuit:resilient-circuit-api", "org.resilientcircuit:resilient-circuit-impl"),
                managed, "what the staged BOM manages");
    }

    private static void requireGpg() throws InterruptedException {
        try {
            Result version = runPlain(List.of("gpg", "--version"), Path.of("."), 30);
            if (version.exit() != 0) {
                fail("gpg --version failed:\n" + version.output());
            }
        } catch (IOException missing) {
            fail("gpg is not installed, so the release profile's signing cannot be tested: install GnuPG "
                    + "(Debian: apt-get install gnupg; .ci/run does it). " + missing.getMessage());
        }
    }

    /** A new Ed25519 signing key in the temporary key ring, valid for a day; returns its fingerprint. */
    private String throwAwayKey() throws IOException, InterruptedException {
        Result generated = gpg("--batch", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE,
                "--quick-gen-key", "Resilient Circuit release test <release-test@resilientcircuit.invalid>",
                "ed25519", "sign", "1d");
        assertEquals(0, generated.exit(), "gpg --quick-gen-key failed:\n" + generated.output());
        // forget any passphrase the agent cached while generating: signing must be given it again
        Result reloaded = run(List.of("gpgconf", "--reload", "gpg-agent"), work, 30, false);
        assertEquals(0, reloaded.exit(), "gpgconf --reload gpg-agent failed:\n" + reloaded.output());
        Result listed = gpg("--batch", "--with-colons", "--list-secret-keys");
        assertEquals(0, listed.exit(), listed.output());
        return listed.output().lines()
                .filter(line -> line.startsWith("fpr:"))
                .map(line -> line.split(":")[9])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no key after --quick-gen-key:\n" + listed.output()));
    }

    private Result verify(Path signature, Path signed) throws IOException, InterruptedException {
        return gpg("--batch", "--status-fd", "1", "--verify", signature.toString(), signed.toString());
    }

    private Result gpg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("gpg");
        command.addAll(List.of(arguments));
        return run(command, work, 120, false);
    }

    /**
     * Runs the copy's wrapper, offline if this build is, with {@code repository} as the local repository
     * that takes whatever the build installs or downloads; everything else is read from the local
     * repository of the build that runs this test, which is never written.
     */
    private Result maven(Path project, Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(project.resolve("mvnw").toString(), "-B"));
        if (offline) {
            command.add("-o");
        }
        command.add("-Dmaven.repo.local=" + repository);
        command.add("-Dmaven.repo.local.tail=" + localRepository);
        command.addAll(List.of(arguments));
        Result result = run(command, project, BUILD_TIMEOUT_SECONDS, true);
        return new Result(result.exit(), String.join(" ", command) + "\n" + result.output());
    }

    /**
     * What a nested build needs of the project: the wrapper, the root pom, every module's pom (the
     * reactor reads them all), and with {@code sources} those of the modules it builds. Never a target
     * directory: the nested build must not see, nor touch, what this build made.
     */
    private Path copyProject(String name, boolean sources) throws IOException {
        Path copy = Files.createDirectory(work.resolve(name));
        copyFile(root.resolve("mvnw"), copy.resolve("mvnw"));
        copyTree(root.resolve(".mvn"), copy.resolve(".mvn"));
        copyFile(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).toList()) {
                copyFile(module.resolve("pom.xml"), copy.resolve(module.getFileName()).resolve("pom.xml"));
            }
        }
        for (String module : sources ? List.of("api", "impl", "bom") : List.<String>of()) {
            Path src = root.resolve(module).resolve("src");
            if (Files.isDirectory(src)) {
                copyTree(src, copy.resolve(module).resolve("src"));
            }
        }
        return copy;
    }

    /**
     * The copy's version as a SNAPSHOT: as it is while the project is between releases, made one (in
     * every pom of the copy) when the project is at a release version, so the check has a SNAPSHOT to
     * depend on either way.
     */
    private static String asSnapshot(Path copy) throws Exception {
        String version = projectVersion(copy.resolve("pom.xml"));
        if (version.endsWith("-SNAPSHOT")) {
            return version;
        }
        String snapshot = version + "-SNAPSHOT";
        try (Stream<Path> poms = Files.walk(copy)) {
            for (Path pom : poms.filter(path -> path.getFileName().toString().equals("pom.xml")).toList()) {
                Files.writeString(pom, Files.readString(pom).replace("<version>" + version + "</version>",
                        "<version>" + snapshot + "</version>"));
            }
        }
        return snapshot;
    }

    private static void edit(Path file, UnaryOperator<String> change) throws IOException {
        String before = Files.readString(file);
        String after = change.apply(before);
        assertFalse(before.equals(after), "nothing changed in " + file);
        Files.writeString(file, after);
    }

    /** {@code text} without the first element that starts with {@code open} and ends with {@code close}. */
    private static String cut(String text, String open, String close) {
        int start = text.indexOf(open);
        int end = text.indexOf(close, start);
        assertTrue(start >= 0 && end > start, open + "..." + close + " not found");
        return text.substring(0, start) + text.substring(end + close.length());
    }

    private static String projectVersion(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(pom.toFile());
        return text(document.getDocumentElement(), "version");
    }

    private static String artifact(String artifactId, String version, String suffix) {
        return String.format(VERSION_DIR, artifactId, version) + artifactId + "-" + version + suffix;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getLocalName() == null ? element.getTagName()
                    : element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "<" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0).getTextContent().trim();
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command in the temporary key ring's environment, output and errors together. */
    private Result run(List<String> command, Path directory, long timeoutSeconds, boolean toFile)
            throws IOException, InterruptedException {
        return run(command, directory, timeoutSeconds, toFile, gnupgHome, work);
    }

    private static Result runPlain(List<String> command, Path directory, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(command, directory, timeoutSeconds, false, null, null);
    }

    private static Result run(List<String> command, Path directory, long timeoutSeconds, boolean toFile,
            Path gnupgHome, Path work) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        if (gnupgHome != null) {
            environment.put("GNUPGHOME", gnupgHome.toString());
        }
        environment.put("MAVEN_GPG_PASSPHRASE", PASSPHRASE);
        environment.remove("MAVEN_GPG_KEY");
        environment.remove("MAVEN_ARGS");
        Path log = toFile && work != null ? Files.createTempFile(work, "build", ".log") : null;
        if (log != null) {
            builder.redirectOutput(log.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = log == null ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s"
                    + (log == null ? "" : "\n" + tail(Files.readString(log), 40)));
        }
        if (log != null) {
            output = Files.readString(log);
        }
        return new Result(process.exitValue(), output);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException stillInUse) {
                    // a socket the agent left behind; the directory is temporary anyway
                }
            }
        } catch (UncheckedIOException gone) {
            // removed meanwhile
        }
    }
}
