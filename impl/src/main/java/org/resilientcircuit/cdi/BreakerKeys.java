package org.resilientcircuit.cdi;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What a breaker key may be, and the default key of a method. */
final class BreakerKeys {

    static final int MAX_LENGTH = 255;

    private BreakerKeys() {
    }

    static boolean valid(String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().noneMatch(Character::isISOControl);
    }

    /**
     * The bean class and method signature, so every instance of a service shares the breaker without
     * configuration. A signature too long for the column keeps its readable start and ends in a hash
     * of the whole, which stays unique and the same on every instance.
     */
    static String defaultKey(Class<?> beanClass, Method method) {
        String signature = MethodNames.signature(beanClass, method);
        if (signature.length() <= MAX_LENGTH) {
            return signature;
        }
        String hash = sha256(signature).substring(0, 16);
        return signature.substring(0, MAX_LENGTH - hash.length() - 1) + "~" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
