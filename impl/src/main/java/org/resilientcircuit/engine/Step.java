package org.resilientcircuit.engine;

/** One policy's place in the chain of a synchronous guarded method. */
@FunctionalInterface
public interface Step {

    Object invoke(Call call) throws Exception;

    /** The innermost step: the method itself. */
    Step INVOKE = Call::proceed;
}
