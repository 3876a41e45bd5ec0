package org.resilientcircuit.cdi;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/** Spells a method the way messages and default breaker keys name it. */
final class MethodNames {

    private MethodNames() {
    }

    /** {@code com.acme.Orders#charge(java.lang.String,int)} for the method as declared. */
    static String signature(Method method) {
        return signature(method.getDeclaringClass(), method);
    }

    /** The same, with {@code owner} (the bean class) in front instead of the declaring class. */
    static String signature(Class<?> owner, Method method) {
        StringJoiner parameters = new StringJoiner(",", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            parameters.add(type.getTypeName());
        }
        return owner.getName() + "#" + method.getName() + parameters;
    }
}
