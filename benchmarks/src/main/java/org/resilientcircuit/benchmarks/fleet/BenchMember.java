package org.resilientcircuit.benchmarks.fleet;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * One member of a benchmark fleet: one JVM with a Weld SE container, our extension and
 * {@link BenchService}, configured by system properties ({@code rc.db.*}, {@code rc.namespace},
 * {@code rc.instance}, ...), driven by a line protocol on standard input. Every answer is one line on
 * standard output starting with {@value #PREFIX}; everything else the process prints goes to standard
 * error. Times are {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC and therefore the same
 * clock in every process of one host.
 *
 * <pre>
 * (unasked, once the container is up)   READY pid
 * state                                 STATE phase version changedBy
 * call ok | call fail                   SUCCESS | FAILED | REJECTED
 * trip                                  TRIPPED startNanos endNanos calls version startEpochMicros
 *                                       (failing calls until the own view is OPEN; start of the tripping call)
 * watch AFTER_VERSION TIMEOUT_MS [US]   WATCHING, then OBSERVED seenNanos version changedBy rejected eventNanos seenEpochMicros
 *                                       (view sampled every ~US (50) microseconds until OPEN at a version above AFTER_VERSION;
 *                                       then one call, which must be rejected)
 * reset                                 RESET version   (CircuitBreakers.reset: closes the breaker fleet-wide)
 * await-closed MIN_VERSION TIMEOUT_MS   CLOSED version
 * burst N                               BURST successes rejected failed nanos
 * converge AT_NANOS WINDOW_MS [US]      CONVERGED startNanos endNanos outcome changes
 *                                       (3 failing calls now, one more at AT_NANOS, then the view sampled
 *                                       every ~US (200) microseconds for WINDOW_MS: changes = nanos,phase,version,by;...)
 * exit                                  BYE
 * </pre>
 */
public final class BenchMember {

    static final String PREFIX = "@@ ";

    private final PrintStream out;
    private final BenchService service;
    private final CircuitBreakers breakers;
    private final EventLog events;

    private BenchMember(PrintStream out, BenchService service, CircuitBreakers breakers, EventLog events) {
        this.out = out;
        this.service = service;
        this.breakers = breakers;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // library and container logging stay off the protocol channel
        Weld weld = new Weld().disableDiscovery().addExtension(new FaultToleranceExtension())
                .addBeanClasses(BenchService.class, EventLog.class);
        try (WeldContainer container = weld.initialize()) {
            BenchMember member = new BenchMember(out, container.select(BenchService.class).get(),
                    container.select(CircuitBreakers.class).get(), container.select(EventLog.class).get());
            member.view(); // the breaker exists from deployment on
            member.answer("READY " + ProcessHandle.current().pid());
            member.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        out.println(PREFIX + "BYE");
        out.flush();
        System.exit(0); // the library's daemon threads must not keep a member alive
    }

    private BreakerStatus view() {
        return breakers.status(BenchService.KEY)
                .orElseThrow(() -> new IllegalStateException("no breaker " + BenchService.KEY + " in " + breakers.all()));
    }

    private void serve(BufferedReader in) throws Exception {
        for (String line; (line = in.readLine()) != null;) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            try {
                switch (words[0]) {
                    case "state" -> {
                        BreakerStatus view = view();
                        answer("STATE " + view.phase() + " " + view.version() + " " + by(view));
                    }
                    case "call" -> answer(outcome(words.length > 1 && words[1].equals("fail")));
                    case "trip" -> trip();
                    case "watch" -> watch(Long.parseLong(words[1]), Long.parseLong(words[2]),
                            words.length > 3 ? Long.parseLong(words[3]) : 50);
                    case "reset" -> answer("RESET " + breakers.reset(BenchService.KEY).version());
                    case "await-closed" -> awaitClosed(Long.parseLong(words[1]), Long.parseLong(words[2]));
                    case "burst" -> burst(Integer.parseInt(words[1]));
                    case "converge" -> converge(Long.parseLong(words[1]), Long.parseLong(words[2]),
                            words.length > 3 ? Long.parseLong(words[3]) : 200);
                    case "exit" -> {
                        return;
                    }
                    default -> answer("ERROR unknown command: " + line);
                }
            } catch (RuntimeException bad) {
                answer("ERROR " + bad.toString().replace('\n', ' '));
            }
        }
    }

    private static String by(BreakerStatus view) {
        return view.changedBy().isEmpty() ? "-" : view.changedBy();
    }

    private String outcome(boolean fail) {
        try {
            service.call(fail);
            return "SUCCESS";
        } catch (BenchService.BusinessException expected) {
            return "FAILED";
        } catch (CircuitBreakerOpenException rejected) {
            return "REJECTED";
        }
    }

    /** Failing calls until this member's own view is OPEN. The decision falls inside the last call. */
    private void trip() {
        for (int calls = 1; calls <= 50; calls++) {
            long startMicros = epochMicros();
            long start = System.nanoTime();
            String outcome = outcome(true);
            long end = System.nanoTime();
            BreakerStatus view = view();
            if (view.phase() == BreakerPhase.OPEN) {
                answer("TRIPPED " + start + " " + end + " " + calls + " " + view.version() + " " + startMicros);
                return;
            }
            if (!outcome.equals("FAILED")) {
                answer("ERROR trip: call " + calls + " was " + outcome + " in " + view);
                return;
            }
        }
        answer("ERROR trip: still " + view() + " after 50 failing calls");
    }

    private void watch(long afterVersion, long timeoutMillis, long sampleMicros) {
        answer("WATCHING");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() - deadline < 0) {
            BreakerStatus view = view();
            long seen = System.nanoTime();
            if (view.phase() == BreakerPhase.OPEN && view.version() > afterVersion) {
                long seenMicros = epochMicros();
                long before = service.invocations();
                String outcome = outcome(false);
                boolean rejected = outcome.equals("REJECTED") && service.invocations() == before;
                long event = events.remoteOpening(view.version());
                for (int i = 0; event < 0 && i < 200; i++) { // the event thread logs first, then fires
                    LockSupport.parkNanos(500_000);
                    event = events.remoteOpening(view.version());
                }
                answer("OBSERVED " + seen + " " + view.version() + " " + by(view) + " " + rejected + " " + event + " " + seenMicros);
                return;
            }
            LockSupport.parkNanos(sampleMicros * 1_000);
        }
        answer("ERROR watch: no opening after version " + afterVersion + " within " + timeoutMillis + " ms: " + view());
    }

    private void awaitClosed(long minVersion, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() - deadline < 0) {
            BreakerStatus view = view();
            if (view.phase() == BreakerPhase.CLOSED && view.version() >= minVersion) {
                answer("CLOSED " + view.version());
                return;
            }
            LockSupport.parkNanos(200_000);
        }
        answer("ERROR await-closed: not CLOSED at version >= " + minVersion + " within " + timeoutMillis + " ms: " + view());
    }

    private void burst(int calls) {
        int successes = 0;
        int rejected = 0;
        int failed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            switch (outcome(false)) {
                case "SUCCESS" -> successes++;
                case "REJECTED" -> rejected++;
                default -> failed++;
            }
        }
        answer("BURST " + successes + " " + rejected + " " + failed + " " + (System.nanoTime() - start));
    }

    /**
     * All members get the same {@code at}: each fills its window to one failure short of tripping,
     * waits for the agreed moment (sleeping, then spinning for the last two milliseconds), makes the
     * failing call that trips its breaker, and then records every change of its view.
     */
    private void converge(long at, long windowMillis, long sampleMicros) {
        BreakerStatus before = view();
        if (before.phase() != BreakerPhase.CLOSED || before.recentCalls() != 0) {
            answer("ERROR converge: not closed with an empty window: " + before);
            return;
        }
        for (int i = 0; i < 3; i++) {
            String outcome = outcome(true);
            if (!outcome.equals("FAILED")) {
                answer("ERROR converge: prefill call " + (i + 1) + " was " + outcome + " in " + view());
                return;
            }
        }
        for (long left; (left = at - System.nanoTime()) > 2_000_000;) {
            LockSupport.parkNanos(Math.min(left - 2_000_000, 50_000_000));
        }
        while (System.nanoTime() - at < 0) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        String outcome = outcome(true);
        long end = System.nanoTime();
        StringBuilder changes = new StringBuilder();
        String last = null;
        long until = at + TimeUnit.MILLISECONDS.toNanos(windowMillis);
        for (;;) {
            BreakerStatus view = view();
            long now = System.nanoTime();
            String current = view.phase() + "," + view.version() + "," + by(view);
            if (!current.equals(last)) {
                changes.append(changes.length() == 0 ? "" : ";").append(now).append(',').append(current);
                last = current;
            }
            if (now - until >= 0) {
                break;
            }
            LockSupport.parkNanos(sampleMicros * 1_000);
        }
        answer("CONVERGED " + start + " " + end + " " + outcome + " " + changes);
    }

    /** Wall-clock time (CLOCK_REALTIME, the clock of the database's clock_timestamp() on this host), in microseconds. */
    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private void answer(String line) {
        out.println(PREFIX + line);
    }
}
