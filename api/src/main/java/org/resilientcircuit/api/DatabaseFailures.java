package org.resilientcircuit.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Classifies a failure by the SQLStates of the JDBC exceptions in it. The throwable, its causes and, for each
 * {@link SQLException}, its {@linkplain SQLException#getNextException() next exceptions} are searched, so the
 * usual wrappers (a JPA {@code PersistenceException}, a framework's runtime exception, a pool's exception, a
 * {@code CompletionException}) do not hide the database's answer. When several SQLStates are found, the most
 * serious kind wins: {@link Kind#UNAVAILABLE}, then {@link Kind#CONFLICT}, then {@link Kind#STATEMENT}.
 *
 * <p>{@link DatabaseUnavailable} and {@link DatabaseConflict} are this classification as predicates for
 * {@link FailureWhen} and {@link RetryWhen}.
 */
public final class DatabaseFailures {

    /** What a failure says about the database. */
    public enum Kind {
        /**
         * The database cannot serve: SQLState class 08 (connection exception), class 53 (insufficient resources:
         * too many connections, out of memory, disk full) or 57P01 to 57P05 (shutdown, crash, starting up, database
         * dropped, idle session timeout); also a {@link SQLTransientConnectionException} or
         * {@link SQLNonTransientConnectionException} without a SQLState.
         */
        UNAVAILABLE,
        /**
         * The transaction lost to another one and may succeed if run again: 40001 (serialization failure) or
         * 40P01 (deadlock detected); also a {@link SQLTransactionRollbackException} without a SQLState.
         */
        CONFLICT,
        /**
         * The database answered, and running the same again would fail again: any other SQLState, such as class
         * 42 (syntax error, undefined table) or class 23 (unique, foreign-key or check violation).
         */
        STATEMENT,
        /** No {@link SQLException} in the failure, or none with a SQLState or a telling type. */
        NOT_DATABASE
    }

    private DatabaseFailures() {
    }

    /**
     * Classifies {@code failure}.
     *
     * @param failure any throwable; null gives {@link Kind#NOT_DATABASE}
     * @return the most serious kind among the JDBC exceptions found in it
     */
    public static Kind classify(Throwable failure) {
        Kind worst = Kind.NOT_DATABASE;
        for (Throwable t : reachable(failure)) {
            if (t instanceof SQLException sql) {
                Kind kind = kindOf(sql);
                if (kind.ordinal() < worst.ordinal()) {
                    worst = kind;
                }
            }
        }
        return worst;
    }

    /**
     * The kind of one SQLState.
     *
     * @param sqlState a five-character SQLState; null gives {@link Kind#NOT_DATABASE}
     * @return its kind
     */
    public static Kind kindOf(String sqlState) {
        if (sqlState == null || sqlState.isEmpty()) {
            return Kind.NOT_DATABASE;
        }
        if (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P0")) {
            return Kind.UNAVAILABLE;
        }
        if (sqlState.equals("40001") || sqlState.equals("40P01")) {
            return Kind.CONFLICT;
        }
        return Kind.STATEMENT;
    }

    private static Kind kindOf(SQLException sql) {
        Kind byState = kindOf(sql.getSQLState());
        if (byState != Kind.NOT_DATABASE) {
            return byState;
        }
        // Some drivers and pools leave the SQLState out but say it with the type.
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException) {
            return Kind.UNAVAILABLE;
        }
        return sql instanceof SQLTransactionRollbackException ? Kind.CONFLICT : Kind.NOT_DATABASE;
    }

    /** The throwable, its causes and every SQLException's next exceptions, each once. */
    private static Set<Throwable> reachable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty() && seen.size() < 100) { // bounded: a pathological chain must not hang a call
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
        }
        return seen;
    }
}
