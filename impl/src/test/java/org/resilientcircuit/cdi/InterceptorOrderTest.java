package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;

import org.junit.jupiter.api.Test;

/** Where {@link InterceptorOrder} enters our interceptor in a container's list of enabled interceptors. */
class InterceptorOrderTest {

    @Priority(1000)
    static class Early {
    }

    /** Enabled by a container without the annotation: gives no order. */
    static class Unannotated {
    }

    @Priority(5000)
    static class Late {
    }

    @Test
    void goesBeforeTheFirstInterceptorWithAHigherPriority() {
        List<Class<?>> enabled = new ArrayList<>(List.of(Early.class, Unannotated.class, Late.class));
        InterceptorOrder.place(enabled, FaultToleranceInterceptor.class, 4010);
        assertEquals(List.of(Early.class, Unannotated.class, FaultToleranceInterceptor.class, Late.class), enabled);
    }

    @Test
    void goesFirstWhenItsPriorityIsTheLowest() {
        List<Class<?>> enabled = new ArrayList<>(List.of(Early.class, Late.class));
        InterceptorOrder.place(enabled, FaultToleranceInterceptor.class, 10);
        assertEquals(List.of(FaultToleranceInterceptor.class, Early.class, Late.class), enabled);
    }

    @Test
    void entersOnlyOnce() {
        List<Class<?>> enabled = new ArrayList<>(List.of(Early.class, FaultToleranceInterceptor.class));
        InterceptorOrder.place(enabled, FaultToleranceInterceptor.class, 4010);
        assertEquals(List.of(Early.class, FaultToleranceInterceptor.class), enabled);
    }
}
