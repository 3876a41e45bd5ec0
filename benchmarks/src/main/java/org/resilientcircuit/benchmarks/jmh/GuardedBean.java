package org.resilientcircuit.benchmarks.jmh;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The bean every benchmark calls through its Weld client proxy. Each measured method returns the same
 * constant and differs from the others only in its annotations (all at their defaults), so a difference
 * in cost is the cost of the policy as the implementation under test applies it. {@link FloorBinding} is on
 * every method; only the {@code floor} configuration enables its no-op interceptor.
 */
@ApplicationScoped
@FloorBinding
public class GuardedBean {

    /** What every measured method returns. */
    public static final String RESULT = "ok";

    /** Calls of {@link #failing()} that open its breaker: its {@code requestVolumeThreshold}. */
    public static final int FAILURES_TO_OPEN = 4;

    /** The interceptor classes of the two implementations and of the floor, as they appear on the stack of a call. */
    static final String OURS = "org.resilientcircuit.cdi.FaultToleranceInterceptor";
    static final String SMALLRYE = "io.smallrye.faulttolerance.FaultToleranceInterceptor";
    static final String FLOOR = FloorInterceptor.class.getName();
    private static final Set<String> INTERCEPTORS = Set.of(OURS, SMALLRYE, FLOOR);

    /** No policy: the baseline. */
    public String plain() {
        return RESULT;
    }

    @CircuitBreaker
    public String circuitBreaker() {
        return RESULT;
    }

    @Retry
    public String retry() {
        return RESULT;
    }

    @Retry
    @CircuitBreaker
    public String both() {
        return RESULT;
    }

    /** Always fails; once its breaker is open (for an hour), every call is rejected without running this body. */
    @CircuitBreaker(requestVolumeThreshold = FAILURES_TO_OPEN, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
    public String failing() {
        throw new IllegalStateException("GuardedBean.failing ran: the breaker was not open");
    }

    /**
     * Not measured: the fault-tolerance interceptors (and the floor's) that are on the stack while a method of
     * this bean with both policies runs. A setup check, so that a container that acts on no annotation, or on
     * them through the wrong implementation, or runs the floor's interceptor where it should not, fails the run
     * instead of being measured.
     */
    @Retry
    @CircuitBreaker
    public List<String> interceptedBy() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(INTERCEPTORS::contains)
                .distinct()
                .toList());
    }
}
