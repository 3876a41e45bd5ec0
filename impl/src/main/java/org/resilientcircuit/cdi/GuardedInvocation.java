package org.resilientcircuit.cdi;

import jakarta.interceptor.InvocationContext;

import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.Invocation;

/** The engine's view of an intercepted call; the glue gets the CDI context back for fallbacks. */
record GuardedInvocation(InvocationContext context) implements Invocation {

    @Override
    public Object proceed() throws Exception {
        return context.proceed();
    }

    static InvocationContext contextOf(Call call) {
        return ((GuardedInvocation) call.invocation()).context();
    }
}
