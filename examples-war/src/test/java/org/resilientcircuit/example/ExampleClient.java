package org.resilientcircuit.example;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** The example's JSON API on one instance, as the tests use it. */
final class ExampleClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The answer of {@code POST /api/calls/{method}}. */
    record Call(int status, String outcome, long invocations, JsonObject body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final PayaraMicro server;

    ExampleClient(PayaraMicro server) {
        this.server = server;
    }

    String name() {
        return server.name();
    }

    /** Calls a guarded method; waits for the answer. */
    Call call(String method) {
        return callAsync(method).join();
    }

    /** Calls a guarded method without waiting. */
    CompletableFuture<Call> callAsync(String method) {
        return HTTP.sendAsync(request("calls/" + method).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    JsonObject body = parse(response.body());
                    return new Call(response.statusCode(), body.getString("outcome", "?"),
                            body.getJsonNumber("invocations") == null ? -1 : body.getJsonNumber("invocations").longValue(),
                            body);
                });
    }

    /** Sets a simulated downstream of this instance. */
    void downstream(String name, double failureRate, long latencyMillis) {
        send("PUT", "downstreams/" + name + "?failureRate=" + failureRate + "&latencyMillis=" + latencyMillis);
    }

    /** Downstreams healthy, counters at zero. */
    void resetInstance() {
        send("POST", "instance/reset");
    }

    /** How often a guarded method's body ran on this instance. */
    long invocations(String method) {
        JsonObject counters = get("instance/counters").getJsonObject("invocations");
        return counters.containsKey(method) ? counters.getJsonNumber(method).longValue() : 0;
    }

    JsonObject counters() {
        return get("instance/counters");
    }

    /** The breaker as this instance sees it (CircuitBreakers API). */
    JsonObject breaker(String key) {
        return get("breakers/" + encode(key));
    }

    String phase(String key) {
        return breaker(key).getString("phase");
    }

    /** The breaker's row as the database holds it (plain SELECT through the server's DataSource), if any. */
    Optional<JsonObject> row(String key) {
        return get("breakers/db").getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("key").equals(key))
                .findFirst();
    }

    JsonObject resetBreaker(String key) {
        return send("POST", "breakers/" + encode(key) + "/reset");
    }

    JsonObject openBreaker(String key, long seconds) {
        return send("POST", "breakers/" + encode(key) + "/open?seconds=" + seconds);
    }

    JsonObject get(String path) {
        return send("GET", path);
    }

    /** An answer as it came: status and body. */
    record Answer(int status, String body) {
        JsonObject json() {
            return parse(body);
        }
    }

    /** {@code GET} as {@code user} with {@code password} (HTTP Basic), or without credentials when user is null. */
    Answer getAs(String path, String user, String password) {
        HttpRequest.Builder request = request(path).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " as " + user + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's MicroProfile Health report (outside the application's context): HTTP status and body. */
    record Health(int status, JsonObject report) {

        /** The check named {@code name}; fails if the report has none. */
        JsonObject check(String name) {
            return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + " in " + report));
        }
    }

    Health health(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject send(String method, String path) {
        HttpRequest request = request(path).method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.asJsonObject();
        } catch (RuntimeException notJson) {
            throw new AssertionError("not a JSON object: " + body, notJson);
        }
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Polls {@code probe} until it holds; fails with {@code what} and the last value after {@code timeout}. */
    static <T> T await(String what, Duration timeout, java.util.function.Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + "; last: " + last);
            }
            PayaraMicro.sleep(50);
        }
    }
}
