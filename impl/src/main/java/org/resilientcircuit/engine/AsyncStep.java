package org.resilientcircuit.engine;

import java.util.concurrent.CompletionStage;

/**
 * One policy's place in the chain of an {@code @Asynchronous} method. A step never throws: every
 * outcome, rejections included, travels in the returned stage.
 */
@FunctionalInterface
public interface AsyncStep {

    CompletionStage<Object> invoke(Call call);
}
