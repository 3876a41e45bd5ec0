package org.resilientcircuit.example;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * The example's two callers, alice and bob, for {@code GET /api/threads/caller} (the only resource
 * web.xml protects): HTTP Basic through Jakarta Security, so no server realm needs setting up. The
 * passwords are the example's, public on purpose.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "resilient-circuit-example")
public class ExampleCallers implements IdentityStore {

    static final Map<String, String> PASSWORDS = Map.of("alice", "alice-example", "bob", "bob-example");

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login
                && login.getPasswordAsString().equals(PASSWORDS.get(login.getCaller()))) {
            return new CredentialValidationResult(login.getCaller(), Set.of("caller"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
