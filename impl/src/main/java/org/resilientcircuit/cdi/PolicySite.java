package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Where one fault-tolerance annotation applies to one method: on the method itself, or on a class
 * (possibly inherited). The configuration keys of the specification are spelled from it.
 *
 * @param annotationClass the class that declares the annotation: the method's declaring class for a
 *     method-level annotation
 */
record PolicySite(Class<? extends Annotation> type, Method method, boolean methodLevel, Class<?> annotationClass) {

    String annotationName() {
        return type.getSimpleName();
    }

    /** {@code <class>/<method>/<Annotation>/<param>} or {@code <class>/<Annotation>/<param>}, as the spec says. */
    String specificKey(String parameter) {
        if (methodLevel) {
            return method.getDeclaringClass().getName() + "/" + method.getName() + "/" + annotationName() + "/" + parameter;
        }
        return annotationClass.getName() + "/" + annotationName() + "/" + parameter;
    }

    String methodKey(String parameter) {
        return method.getDeclaringClass().getName() + "/" + method.getName() + "/" + annotationName() + "/" + parameter;
    }

    String classKey(String parameter) {
        return annotationClass.getName() + "/" + annotationName() + "/" + parameter;
    }

    String globalKey(String parameter) {
        return annotationName() + "/" + parameter;
    }

    /** How error messages name the culprit: annotation, class and method. */
    String describe() {
        return "@" + annotationName() + (methodLevel ? "" : " (declared on class " + annotationClass.getName() + ")")
                + " of " + MethodNames.signature(method);
    }

    /** Fails deployment, naming this site and {@code parameter}, unless {@code valid}. */
    void require(String parameter, boolean valid, String problem) {
        if (!valid) {
            throw new FaultToleranceDefinitionException(describe() + ": parameter " + parameter + " " + problem);
        }
    }
}
