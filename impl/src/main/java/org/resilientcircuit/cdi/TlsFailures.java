package org.resilientcircuit.cdi;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;

import javax.net.ssl.SSLException;

import org.resilientcircuit.connect.DbTarget;

/**
 * Says in our words what a failed TLS connection means, because the store shows the message as its
 * problem in health and the log: the driver's own ("PKIX path building failed ...
 * unable to find valid certification path") names neither the certificate nor the setting to fix.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** {@code failure} with an explanation in front when it is a TLS failure; else {@code failure} itself. */
    static SQLException explain(SQLException failure, DbTarget target) {
        String explanation = explanation(failure, target);
        return explanation == null ? failure
                : new SQLException(explanation + " (" + failure.getMessage() + ")", failure.getSQLState(), failure);
    }

    private static String explanation(SQLException failure, DbTarget target) {
        String root = target.parameters().getOrDefault("sslrootcert", "the driver's default ~/.postgresql/root.crt");
        String message = String.valueOf(failure.getMessage());
        if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)) {
            return "TLS: the server's certificate is not signed by a certificate authority of rc.db.sslrootcert ("
                    + root + "); check that it holds the CA that issued the server's certificate";
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return "TLS: the server's certificate does not name the host connected to (sslmode verify-full checks it);"
                    + " connect by a name the certificate has, or use verify-ca";
        }
        if (message.contains("certificate")) {
            return "TLS: the server refused this client's certificate (rc.db.sslcert "
                    + target.parameters().getOrDefault("sslcert", "not set") + ")";
        }
        if (has(failure, SSLException.class)) {
            return "TLS handshake failed (sslmode " + target.tlsMode() + ")";
        }
        return null;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
