package org.resilientcircuit.fleet;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StoreStatus;

/**
 * One member of a fleet: one JVM, one Weld SE container with the extension and {@link GuardedService}.
 * Configured by system properties ({@code rc.*} and the breaker delay key), driven by a line protocol
 * on stdin. Every answer is one line starting with {@value #PREFIX}; anything else on stdout is noise.
 *
 * <pre>
 * call ok | call fail | call slow-ok MILLIS   -> SUCCESS | FAILED | REJECTED | ERROR class: message
 * other ok | other fail                       -> the same, through the second breaker ({@link #OTHER_KEY})
 * count                                       -> COUNT n            (real invocations of the method)
 * state [other]                               -> STATE phase version owner-or-"-"   (the local view)
 * trip                                        -> TRIPPED epochMicros calls   (failing calls until the local view is OPEN)
 * watch PHASE TIMEOUT_MILLIS                  -> WATCHING, then OBSERVED epochMicros version | TIMEOUT
 * store                                       -> STORE HEALTHY|DEGRADED unreadable-keys-or-"-" notices problem-or-"-"
 * burst N                                     -> BURST successes rejected failed nanos   (N calls ok, in process)
 * exit                                        -> BYE, then the process ends
 * (and unasked, once the container is up:       READY pid epochMillis)
 * </pre>
 */
public final class FleetMember {

    static final String PREFIX = "@@ ";
    static final String KEY = GuardedService.class.getName() + "#call(boolean,long)";
    static final String OTHER_KEY = GuardedService.class.getName() + "#other(boolean)";
    static final String DELAY_KEY = GuardedService.class.getName() + "/call/CircuitBreaker/delay";

    private final PrintStream out;
    private final GuardedService service;
    private final CircuitBreakers breakers;

    private FleetMember(PrintStream out, GuardedService service, CircuitBreakers breakers) {
        this.out = out;
        this.service = service;
        this.breakers = breakers;
    }

    /** The local view, through the maintenance API. */
    private BreakerStatus view() {
        return view(KEY);
    }

    private BreakerStatus view(String key) {
        return breakers.status(key).orElseThrow(() -> new IllegalStateException("no breaker " + key));
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // Keep library and container logging off the protocol channel.
        System.setOut(System.err);
        Weld weld = new Weld().disableDiscovery().addExtension(new FaultToleranceExtension())
                .addBeanClasses(GuardedService.class);
        try (WeldContainer container = weld.initialize()) {
            FleetMember member = new FleetMember(out, container.select(GuardedService.class).get(),
                    container.select(CircuitBreakers.class).get());
            member.answer("READY " + ProcessHandle.current().pid() + " " + System.currentTimeMillis());
            member.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        out.println(PREFIX + "BYE");
        out.flush();
        System.exit(0); // the library's daemon threads must not keep a member alive
    }

    private void serve(BufferedReader in) throws Exception {
        for (String line; (line = in.readLine()) != null;) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            try {
                switch (words[0]) {
                    case "call" -> answer(call(words));
                    case "count" -> answer("COUNT " + service.invocations());
                    case "other" -> answer(other(words.length > 1 && words[1].equals("fail")));
                    case "state" -> {
                        BreakerStatus state = view(words.length > 1 && words[1].equals("other") ? OTHER_KEY : KEY);
                        answer("STATE " + state.phase() + " " + state.version() + " "
                                + (state.changedBy().isEmpty() ? "-" : state.changedBy()));
                    }
                    case "trip" -> trip();
                    case "store" -> answer(storeStatus());
                    case "watch" -> watch(BreakerPhase.valueOf(words[1]), Long.parseLong(words[2]));
                    case "burst" -> burst(Integer.parseInt(words[1]));
                    case "exit" -> {
                        return;
                    }
                    default -> answer("ERROR unknown command: " + line);
                }
            } catch (RuntimeException bad) {
                answer("ERROR " + bad);
            }
        }
    }

    private String call(String[] words) {
        String mode = words.length > 1 ? words[1] : "ok";
        long sleep = words.length > 2 ? Long.parseLong(words[2]) : 0;
        return switch (mode) {
            case "ok" -> outcome(false, 0);
            case "fail" -> outcome(true, 0);
            case "slow-ok" -> outcome(false, sleep);
            default -> "ERROR unknown call mode " + mode;
        };
    }

    private String storeStatus() {
        StoreStatus store = breakers.store();
        return "STORE " + (store.degraded() ? "DEGRADED" : "HEALTHY") + " "
                + (store.unreadableRows().isEmpty() ? "-" : String.join(",", new TreeSet<>(store.unreadableRows().keySet())))
                + " " + store.notices().size() + " " + (store.problem().isBlank() ? "-" : store.problem().replaceAll("\\s+", " "));
    }

    private String other(boolean fail) {
        return outcome(() -> service.other(fail));
    }

    private String outcome(boolean fail, long sleepMillis) {
        return outcome(() -> service.call(fail, sleepMillis));
    }

    private static String outcome(Runnable guardedCall) {
        try {
            guardedCall.run();
            return "SUCCESS";
        } catch (GuardedService.BusinessException expected) {
            return "FAILED";
        } catch (CircuitBreakerOpenException rejected) {
            return "REJECTED";
        } catch (RuntimeException other) {
            return "ERROR " + other.getClass().getName() + ": " + other.getMessage();
        }
    }

    /** Failing calls until this instance's own view is OPEN; the time is taken as the tripping call returns. */
    private void trip() {
        for (int calls = 1; calls <= 50; calls++) {
            String outcome = outcome(true, 0);
            long at = epochMicros();
            if (view().phase() == BreakerPhase.OPEN) {
                answer("TRIPPED " + at + " " + calls);
                return;
            }
            if (!outcome.equals("FAILED")) {
                answer("ERROR trip: call " + calls + " was " + outcome + " in " + view());
                return;
            }
        }
        answer("ERROR trip: still " + view() + " after 50 failing calls");
    }

    /** Samples the local view every ~0.1 ms until it shows {@code phase}: the moment this instance would reject. */
    private void watch(BreakerPhase phase, long timeoutMillis) {
        answer("WATCHING");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() - deadline < 0) {
            BreakerStatus state = view();
            if (state.phase() == phase) {
                answer("OBSERVED " + epochMicros() + " " + state.version());
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        answer("TIMEOUT " + view());
    }

    private void burst(int calls) {
        int successes = 0;
        int rejected = 0;
        int failed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            switch (outcome(false, 0)) {
                case "SUCCESS" -> successes++;
                case "REJECTED" -> rejected++;
                default -> failed++;
            }
        }
        answer("BURST " + successes + " " + rejected + " " + failed + " " + (System.nanoTime() - start));
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private void answer(String line) {
        out.println(PREFIX + line);
    }
}
