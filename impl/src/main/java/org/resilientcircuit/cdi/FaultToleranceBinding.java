package org.resilientcircuit.cdi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

/**
 * The one binding of our interceptor. The extension makes every fault-tolerance annotation carry it,
 * so one interceptor serves a method whatever combination of annotations it has.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FaultToleranceBinding {

    final class Literal extends AnnotationLiteral<FaultToleranceBinding> implements FaultToleranceBinding {
        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
