package org.resilientcircuit.cdi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * The type arguments a class gives to the type parameters of its supertypes, so that
 * {@code fallback(List<T>)} in a {@code Base<T>} and {@code method(List<String>)} in a
 * {@code Bean extends Base<String>} are recognised as the same signature.
 */
final class TypeBindings {

    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    private TypeBindings() {
    }

    /** The bindings seen from {@code start}: every supertype's parameters, resolved as far as {@code start} allows. */
    static TypeBindings of(Class<?> start) {
        TypeBindings result = new TypeBindings();
        result.collect(start);
        return result;
    }

    private void collect(Class<?> type) {
        if (type == null || type == Object.class) {
            return;
        }
        bind(type.getGenericSuperclass());
        collect(type.getSuperclass());
        for (Type face : type.getGenericInterfaces()) {
            bind(face);
        }
        for (Class<?> face : type.getInterfaces()) {
            collect(face);
        }
    }

    private void bind(Type supertype) {
        if (supertype instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] parameters = ((Class<?>) parameterized.getRawType()).getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < parameters.length; i++) {
                bindings.putIfAbsent(parameters[i], arguments[i]);
            }
        }
    }

    Type resolve(Type type) {
        Type current = type;
        while (current instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            current = bindings.get(variable);
        }
        return current;
    }

    /** Structural equality after resolving type variables. */
    boolean same(Type first, Type second) {
        Type a = resolve(first);
        Type b = resolve(second);
        if (a instanceof Class<?> ca && ca.isArray() && b instanceof GenericArrayType gb) {
            return same(ca.getComponentType(), gb.getGenericComponentType());
        }
        if (b instanceof Class<?> && a instanceof GenericArrayType) {
            return same(b, a);
        }
        if (a instanceof ParameterizedType pa && b instanceof ParameterizedType pb) {
            return pa.getRawType().equals(pb.getRawType()) && allSame(pa.getActualTypeArguments(), pb.getActualTypeArguments());
        }
        if (a instanceof GenericArrayType ga && b instanceof GenericArrayType gb) {
            return same(ga.getGenericComponentType(), gb.getGenericComponentType());
        }
        if (a instanceof WildcardType wa && b instanceof WildcardType wb) {
            return allSame(wa.getUpperBounds(), wb.getUpperBounds()) && allSame(wa.getLowerBounds(), wb.getLowerBounds());
        }
        if (a instanceof TypeVariable<?> va && b instanceof TypeVariable<?> vb) {
            // Unbound variables of two methods: the same when declared alike (e.g. <T> on both methods).
            return va.equals(vb) || va.getName().equals(vb.getName()) && allSame(va.getBounds(), vb.getBounds());
        }
        return a.equals(b);
    }

    boolean allSame(Type[] first, Type[] second) {
        if (first.length != second.length) {
            return false;
        }
        for (int i = 0; i < first.length; i++) {
            if (!same(first[i], second[i])) {
                return false;
            }
        }
        return true;
    }
}
