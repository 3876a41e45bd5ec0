package org.resilientcircuit.example;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this instance is: the name it signs breaker changes with ({@code rc.instance}), when it started. */
@ApplicationScoped
public class InstanceInfo {

    @Inject
    @ConfigProperty(name = "rc.instance")
    Optional<String> configuredName;

    private final Instant started = Instant.now();

    /** {@code rc.instance}, else the host name (the library then adds the process id and a random suffix). */
    public String name() {
        return configuredName.orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName() + " (rc.instance not set)";
            } catch (UnknownHostException e) {
                return "unknown (rc.instance not set)";
            }
        });
    }

    public Instant started() {
        return started;
    }
}
