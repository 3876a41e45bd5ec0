package org.resilientcircuit.engine;

/** Computes the fallback result of a failed call (a handler or a fallback method, chosen by the glue). */
@FunctionalInterface
public interface FallbackFunction {

    Object apply(Call call, Throwable failure) throws Exception;
}
