package org.resilientcircuit.cdi;

import java.util.concurrent.CompletableFuture;

import jakarta.interceptor.InvocationContext;

import org.resilientcircuit.engine.AsyncStep;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.ContextCapture;
import org.resilientcircuit.engine.Step;

/** A method's chain, built once, and how its result is handed back to the caller. */
abstract sealed class GuardedMethod permits GuardedMethod.Sync, GuardedMethod.Async {

    abstract Object invoke(InvocationContext context) throws Exception;

    static final class Sync extends GuardedMethod {
        private final Step chain;

        Sync(Step chain) {
            this.chain = chain;
        }

        @Override
        Object invoke(InvocationContext context) throws Exception {
            return chain.invoke(new Call(new GuardedInvocation(context)));
        }
    }

    static final class Async extends GuardedMethod {
        private final AsyncStep chain;
        private final boolean returnsCompletionStage;
        private final ContextCapture callersContext;

        Async(AsyncStep chain, boolean returnsCompletionStage, ContextCapture callersContext) {
            this.chain = chain;
            this.returnsCompletionStage = returnsCompletionStage;
            this.callersContext = callersContext;
        }

        @Override
        Object invoke(InvocationContext context) {
            // captured here, on the caller's thread: a retry or a queued execution starts much later
            Call call = new Call(new GuardedInvocation(context), callersContext.capture());
            CompletableFuture<Object> outcome = chain.invoke(call).toCompletableFuture();
            return returnsCompletionStage ? outcome : new FutureResult(outcome, call);
        }
    }
}
