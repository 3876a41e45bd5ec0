package org.resilientcircuit.example;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** Small helpers for building JSON with JSON-P. */
final class JsonValues {

    private JsonValues() {
    }

    static JsonObjectBuilder put(JsonObjectBuilder builder, String name, String value) {
        return value == null ? builder.addNull(name) : builder.add(name, value);
    }

    static JsonObjectBuilder put(JsonObjectBuilder builder, String name, Instant value) {
        return value == null ? builder.addNull(name) : builder.add(name, value.toString());
    }

    static JsonObjectBuilder millis(JsonObjectBuilder builder, String name, Duration value) {
        return value == null ? builder.addNull(name) : builder.add(name, value.toMillis());
    }

    static JsonObjectBuilder counts(Map<String, Long> counts) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        counts.forEach(builder::add);
        return builder;
    }
}
