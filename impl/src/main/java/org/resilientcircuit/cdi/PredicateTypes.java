package org.resilientcircuit.cdi;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The types a {@code @RetryWhen}/{@code @FailureWhen} predicate is checked against at deployment: what its
 * class says {@code T} of {@code Predicate<T>} is, and what the guarded method's results are.
 */
final class PredicateTypes {

    private PredicateTypes() {
    }

    /** {@code T} of the {@code Predicate<T>} that {@code type} implements, as a class; Object if left open. */
    static Class<?> argument(Class<?> type) {
        Class<?> found = search(type, Map.of());
        return found == null ? Object.class : found;
    }

    /** What a result predicate sees: {@code T} of a {@code CompletionStage<T>} or {@code Future<T>}, boxed. */
    static Class<?> resultType(Method method) {
        Type returned = method.getGenericReturnType();
        Class<?> raw = method.getReturnType();
        if ((raw == CompletionStage.class || raw == Future.class) && returned instanceof ParameterizedType p) {
            return raw(p.getActualTypeArguments()[0], Map.of());
        }
        return raw.isPrimitive() ? box(raw) : raw;
    }

    /** Whether values of {@code argument} and {@code result} can be the same object at all. */
    static boolean related(Class<?> argument, Class<?> result) {
        return argument.isAssignableFrom(result) || result.isAssignableFrom(argument)
                || argument.isInterface() && !Modifier.isFinal(result.getModifiers())
                || result.isInterface() && !Modifier.isFinal(argument.getModifiers());
    }

    private static Class<?> search(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        if (type == null || type == Object.class) {
            return null;
        }
        for (Type parent : parents(type)) {
            Class<?> parentClass = raw(parent, bindings);
            if (!Predicate.class.isAssignableFrom(parentClass)) {
                continue;
            }
            Type[] arguments = parent instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
            if (parentClass == Predicate.class) {
                return arguments.length == 1 ? raw(arguments[0], bindings) : Object.class;
            }
            Map<TypeVariable<?>, Type> next = new HashMap<>();
            TypeVariable<?>[] variables = parentClass.getTypeParameters();
            for (int i = 0; i < arguments.length && i < variables.length; i++) {
                next.put(variables[i], bindings.getOrDefault(arguments[i], arguments[i]));
            }
            Class<?> found = search(parentClass, next);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Type[] parents(Class<?> type) {
        Type[] interfaces = type.getGenericInterfaces();
        Type superclass = type.getGenericSuperclass();
        if (superclass == null) {
            return interfaces;
        }
        Type[] all = Arrays.copyOf(interfaces, interfaces.length + 1);
        all[interfaces.length] = superclass;
        return all;
    }

    private static Class<?> raw(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return c.isPrimitive() ? box(c) : c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType(), bindings);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null && bound != v ? raw(bound, Map.of()) : raw(v.getBounds()[0], Map.of());
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0], bindings);
        }
        return Object.class; // a generic array: too rare to check further
    }

    private static Class<?> box(Class<?> primitive) {
        return primitive == void.class ? Void.class
                : MethodType.methodType(primitive).wrap().returnType();
    }
}
