package org.resilientcircuit.example;

import jakarta.enterprise.context.RequestScoped;

/** What happened during one HTTP request's guarded call: whether a fallback answered. */
@RequestScoped
public class CallTrace {

    private String fallback;

    public void fallbackUsed(String name) {
        fallback = name;
    }

    /** The fallback that answered, or null. */
    public String fallback() {
        return fallback;
    }
}
