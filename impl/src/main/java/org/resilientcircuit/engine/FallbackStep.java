package org.resilientcircuit.engine;

/** {@code @Fallback} on a synchronous method. */
public final class FallbackStep implements Step {

    private final FallbackFunction fallback;
    private final ExceptionFilter applyOn;
    private final Step next;

    public FallbackStep(FallbackFunction fallback, ExceptionFilter applyOn, Step next) {
        this.fallback = fallback;
        this.applyOn = applyOn;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        try {
            return next.invoke(call);
        } catch (Throwable failure) {
            if (!applyOn.test(failure)) {
                throw Failures.rethrow(failure);
            }
            call.applyingFallback();
            return fallback.apply(call, failure);
        }
    }
}
