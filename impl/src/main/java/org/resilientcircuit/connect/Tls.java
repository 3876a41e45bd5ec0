package org.resilientcircuit.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The TLS parameters of a connection, checked before anything connects, so that a typo or an
 * unreadable file fails the deployment with the setting named instead of degrading the store with
 * a driver message later. The files are read as the PostgreSQL JDBC driver 42.7 reads them:
 * certificates in PEM or DER; the client key in PKCS-8 DER ({@code .pk8}, optionally encrypted
 * with {@code sslpassword}) or PKCS-12 ({@code .p12}, {@code .pfx}), never PEM.
 */
final class Tls {

    static final Set<String> MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** libpq's {@code sslrootcert=system}: the JVM's trust store here. */
    static final String SYSTEM = "system";
    static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

    private Tls() {
    }

    /** Checks whichever TLS parameters {@code parameters} holds; {@code key} is where they came from. */
    static void check(Map<String, String> parameters, String key) {
        String mode = parameters.get(DbTarget.SSLMODE);
        if (mode != null && !MODES.contains(mode)) {
            throw new DbSettingException(key + ": sslmode must be one of disable, allow, prefer, require, verify-ca,"
                    + " verify-full, was '" + mode + "'");
        }
        String root = parameters.get("sslrootcert");
        if (root != null && !root.equals(SYSTEM)) {
            certificate(readable(root, key, "sslrootcert"), key, "sslrootcert");
        }
        if (parameters.get("sslcert") != null) {
            certificate(readable(parameters.get("sslcert"), key, "sslcert"), key, "sslcert");
        }
        if (parameters.get("sslkey") != null) {
            key(readable(parameters.get("sslkey"), key, "sslkey"), key);
        }
    }

    /**
     * libpq's rules where the driver's differ: {@code require} with a root certificate verifies the
     * server's chain as {@code verify-ca} does (libpq's documented behaviour, on which the Python
     * ancestor's users rely; the driver would not verify), unless {@code libpqRequire} is false (a
     * JDBC URL means what the driver says); and {@code sslrootcert=system} trusts the JVM's trust
     * store and verifies the host name, whatever the form.
     */
    static Map<String, String> libpqRules(Map<String, String> parameters, String key, boolean libpqRequire) {
        java.util.Map<String, String> adjusted = new java.util.LinkedHashMap<>(parameters);
        String root = parameters.get("sslrootcert");
        if (libpqRequire && "require".equals(parameters.get(DbTarget.SSLMODE)) && root != null) {
            adjusted.put(DbTarget.SSLMODE, "verify-ca");
        }
        if (SYSTEM.equals(root)) {
            String mode = adjusted.getOrDefault(DbTarget.SSLMODE, "verify-full");
            if (!mode.equals("verify-full") && !mode.equals("verify-ca")) {
                throw new DbSettingException(key + ": sslrootcert=system needs sslmode verify-full, was " + mode);
            }
            adjusted.remove("sslrootcert");
            adjusted.put(DbTarget.SSLMODE, "verify-full");
            adjusted.put("sslfactory", JVM_TRUST_FACTORY);
        }
        return adjusted;
    }

    private static Path readable(String file, String key, String what) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new DbSettingException(key + ": " + what + " file " + file + " "
                    + (Files.exists(path) ? "is not a readable file" : "does not exist")
                    + " (as seen by this process, user " + System.getProperty("user.name") + ")");
        }
        return path;
    }

    private static void certificate(Path path, String key, String what) {
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
        } catch (IOException | CertificateException e) {
            throw new DbSettingException(key + ": " + what + " file " + path + " is not an X.509 certificate"
                    + " (PEM or DER): " + e.getMessage());
        }
    }

    private static void key(Path path, String key) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return; // PKCS-12, which the driver reads by its extension
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(path)) {
            start = in.readNBytes(64);
        } catch (IOException e) {
            throw new DbSettingException(key + ": sslkey file " + path + " cannot be read: " + e.getMessage());
        }
        if (new String(start, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            throw new DbSettingException(key + ": sslkey file " + path + " is a PEM key, which the PostgreSQL JDBC"
                    + " driver cannot read (libpq and psycopg can). Convert it once to PKCS-8 DER and point sslkey at"
                    + " the new file: openssl pkcs8 -topk8 -inform PEM -outform DER -nocrypt -in " + path + " -out "
                    + derName(path) + " (chmod 600 it; to keep it encrypted, use -v2 aes-256-cbc instead of -nocrypt"
                    + " and give the passphrase as sslpassword); or a PKCS-12 file (.p12) with openssl pkcs12 -export");
        }
        if (start.length == 0 || start[0] != 0x30) { // every DER structure starts with a SEQUENCE
            throw new DbSettingException(key + ": sslkey file " + path + " is neither PKCS-8 DER (.pk8) nor PKCS-12"
                    + " (.p12, .pfx), the formats the PostgreSQL JDBC driver reads; first bytes "
                    + Arrays.toString(Arrays.copyOf(start, Math.min(4, start.length))));
        }
    }

    private static String derName(Path path) {
        String file = path.toString();
        int dot = file.lastIndexOf('.');
        return (dot > file.lastIndexOf('/') ? file.substring(0, dot) : file) + ".pk8";
    }
}
