package org.resilientcircuit.example;

/** A simulated downstream service answered with an error (or could not be reached). */
public class DownstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DownstreamException(String message) {
        super(message);
    }
}
