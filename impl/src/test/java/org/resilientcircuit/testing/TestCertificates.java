package org.resilientcircuit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A certificate authority of a test's own, made with the {@code openssl} command: a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, and a client certificate for a user. Keys
 * are RSA, unencrypted; the client key also as PKCS-8 DER ({@code .pk8}), the form the JDBC driver reads.
 */
public final class TestCertificates {

    private final Path dir;
    private final String name;

    private TestCertificates(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new CA named {@code name} (its files start with it) in {@code dir}. */
    public static TestCertificates authority(Path dir, String name) {
        TestCertificates ca = new TestCertificates(dir, name);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", ca.file("ca.key"), "-out", ca.file("ca.crt"));
        return ca;
    }

    public Path caCertificate() {
        return dir.resolve(name + "-ca.crt");
    }

    /** Certificate and key of a server reached as localhost or 127.0.0.1: {@code [crt, key]}. */
    public Path[] server() {
        return issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    }

    /** Certificate and PEM key of a client whose common name is {@code user} (what hba's cert method checks). */
    public Path[] client(String user) {
        return issue("client-" + user, user, "extendedKeyUsage=clientAuth\n");
    }

    /** The PEM key converted as docs/connecting.md tells users to: PKCS-8 DER. */
    public static Path pk8(Path pemKey) {
        Path der = pemKey.resolveSibling(pemKey.getFileName().toString().replace(".key", ".pk8"));
        openssl("pkcs8", "-topk8", "-inform", "PEM", "-outform", "DER", "-nocrypt", "-in", pemKey.toString(),
                "-out", der.toString());
        return der;
    }

    private Path[] issue(String role, String commonName, String extensions) {
        try {
            Path ext = dir.resolve(name + "-" + role + ".ext");
            Files.writeString(ext, extensions);
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                    "-keyout", file(role + ".key"), "-out", file(role + ".csr"));
            openssl("x509", "-req", "-in", file(role + ".csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
                    "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", file(role + ".crt"));
            return new Path[] {dir.resolve(name + "-" + role + ".crt"), dir.resolve(name + "-" + role + ".key")};
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String file(String suffix) {
        return dir.resolve(name + "-" + suffix).toString();
    }

    private static void openssl(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Commands.run(60, command);
    }
}
