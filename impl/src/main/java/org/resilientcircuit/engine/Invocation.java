package org.resilientcircuit.engine;

/** The guarded method itself: one call of {@link #proceed()} is one execution of the method. */
@FunctionalInterface
public interface Invocation {

    Object proceed() throws Exception;
}
