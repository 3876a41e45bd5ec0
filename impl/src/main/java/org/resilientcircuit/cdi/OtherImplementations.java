package org.resilientcircuit.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Other MicroProfile Fault Tolerance implementations that a server or the application may bring
 * along, by the interceptor through which each acts. With two implementations a method with
 * {@code @Retry(maxRetries = 3)} that always fails runs 7 or 16 times instead of 4, and each
 * implementation keeps a breaker of its own. Each of these registers its interceptor as enabled by
 * priority, so it is in {@code AfterTypeDiscovery.getInterceptors()}, and taking it out of that list
 * switches it off for this application alone.
 */
final class OtherImplementations {

    /** Interceptor class, and what it belongs to (for the log). */
    static final Map<String, String> INTERCEPTORS = Map.of(
            "fish.payara.microprofile.faulttolerance.cdi.FaultToleranceInterceptor", "Payara's Fault Tolerance",
            "io.smallrye.faulttolerance.FaultToleranceInterceptor",
            "SmallRye Fault Tolerance (WildFly's microprofile profiles, TomEE, or the application's own)");

    private OtherImplementations() {
    }

    /** Removes the other implementations' interceptors from {@code enabled}; returns what each removed one was. */
    static List<String> switchOff(List<Class<?>> enabled) {
        // found first, then removed one by one: Weld's list view fails when removeIf removes through its iterator
        List<Class<?>> others = enabled.stream().filter(type -> INTERCEPTORS.containsKey(type.getName())).toList();
        List<String> removed = new ArrayList<>();
        for (Class<?> other : others) {
            enabled.remove(other);
            removed.add(INTERCEPTORS.get(other.getName()) + " (interceptor " + other.getName() + ")");
        }
        return removed;
    }
}
