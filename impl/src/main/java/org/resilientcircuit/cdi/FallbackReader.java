package org.resilientcircuit.cdi;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.cdi.MethodDefinition.FallbackDefinition;
import org.resilientcircuit.engine.ExceptionFilter;

/** Reads and validates {@code @Fallback}: exactly one of handler and method, each matching the guarded method's type. */
final class FallbackReader {

    private final PolicyConfig config;

    FallbackReader(PolicyConfig config) {
        this.config = config;
    }

    FallbackDefinition read(PolicySite site, Fallback fallback) {
        if (site == null) {
            return null;
        }
        @SuppressWarnings("rawtypes")
        Class<? extends FallbackHandler> handler = config.value(site, "value", Class.class, fallback.value())
                .asSubclass(FallbackHandler.class);
        String methodName = config.value(site, "fallbackMethod", String.class, fallback.fallbackMethod());
        boolean hasHandler = handler != Fallback.DEFAULT.class;
        boolean hasMethod = !methodName.isEmpty();
        site.require("value", !(hasHandler && hasMethod),
                "and fallbackMethod cannot both be set (handler " + handler.getName() + ", method " + methodName + ")");
        site.require("value", hasHandler || hasMethod, "or fallbackMethod must be set");
        ExceptionFilter applyOn = new ExceptionFilter(config.throwables(site, "applyOn", fallback.applyOn()),
                config.throwables(site, "skipOn", fallback.skipOn()));
        if (hasHandler) {
            checkHandler(site, handler);
            return new FallbackDefinition(handler, null, applyOn);
        }
        Method method = FallbackMethodFinder.find(site.method(), methodName);
        if (method == null) {
            throw new FaultToleranceDefinitionException(site.describe() + ": parameter fallbackMethod names " + methodName
                    + ", but no accessible method of that name with the same parameter types and return type ("
                    + site.method().getGenericReturnType().getTypeName() + ") is on "
                    + site.method().getDeclaringClass().getName() + ", its superclasses or its interfaces");
        }
        return new FallbackDefinition(null, method, applyOn);
    }


    /** The handler's {@code FallbackHandler<T>} must produce what the guarded method returns. */
    private static void checkHandler(PolicySite site, Class<?> handler) {
        TypeBindings bindings = TypeBindings.of(handler);
        Type produced = bindings.resolve(FallbackHandler.class.getTypeParameters()[0]);
        Type expected = box(site.method().getGenericReturnType());
        if (produced instanceof TypeVariable<?>) {
            return; // a raw or generic handler: nothing to check at deployment
        }
        site.require("value", bindings.same(produced, expected) || sameRaw(produced, expected),
                "names " + handler.getName() + ", a FallbackHandler<" + produced.getTypeName()
                        + ">, but the method returns " + site.method().getGenericReturnType().getTypeName());
    }

    private static boolean sameRaw(Type produced, Type expected) {
        return produced instanceof ParameterizedType p && expected instanceof Class<?> c && p.getRawType() == c;
    }

    private static Type box(Type type) {
        if (type instanceof Class<?> c && c.isPrimitive()) {
            return MethodType.methodType(c).wrap().returnType();
        }
        return type;
    }
}
