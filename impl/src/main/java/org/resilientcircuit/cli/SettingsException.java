package org.resilientcircuit.cli;

/** The database settings are missing or invalid: the command prints the message, exit code 1. */
public final class SettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
