package org.resilientcircuit.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the method named by {@code @Fallback(fallbackMethod = ...)} by the specification's rules: on
 * the class that declares the guarded method, a superclass or an implemented interface; same
 * parameter types and return type once type variables are resolved; accessible from that class.
 */
final class FallbackMethodFinder {

    private FallbackMethodFinder() {
    }

    /** @return the fallback method, or null if none qualifies */
    static Method find(Method guarded, String name) {
        Class<?> declaring = guarded.getDeclaringClass();
        TypeBindings bindings = TypeBindings.of(declaring);
        for (Class<?> candidateClass : hierarchy(declaring)) {
            for (Method candidate : candidateClass.getDeclaredMethods()) {
                if (candidate.getName().equals(name) && !candidate.isBridge() && !candidate.isSynthetic()
                        && candidate.isVarArgs() == guarded.isVarArgs()
                        && accessible(candidate, declaring)
                        && bindings.allSame(candidate.getGenericParameterTypes(), guarded.getGenericParameterTypes())
                        && bindings.same(candidate.getGenericReturnType(), guarded.getGenericReturnType())) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The class, its superclasses, then every interface they implement, nearest first. */
    private static Set<Class<?>> hierarchy(Class<?> start) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> c = start; c != null && c != Object.class; c = c.getSuperclass()) {
            result.add(c);
        }
        Deque<Class<?>> pending = new ArrayDeque<>(result);
        while (!pending.isEmpty()) {
            for (Class<?> face : pending.poll().getInterfaces()) {
                if (result.add(face)) {
                    pending.add(face);
                }
            }
        }
        return result;
    }

    private static boolean accessible(Method candidate, Class<?> from) {
        int modifiers = candidate.getModifiers();
        if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
            return true;
        }
        if (Modifier.isPrivate(modifiers)) {
            return candidate.getDeclaringClass() == from;
        }
        return candidate.getDeclaringClass().getPackageName().equals(from.getPackageName());
    }
}
