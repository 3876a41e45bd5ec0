package org.resilientcircuit.cli;

/** Wrong arguments on the command line: {@link Main} prints the message and the usage, exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
