package org.resilientcircuit.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API under {@code /api}; the status page ({@code index.html}) polls {@code /api/breakers}. */
@ApplicationPath("api")
public class ExampleApplication extends Application {
}
