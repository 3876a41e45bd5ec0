package org.resilientcircuit.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.resilientcircuit.spi.BreakerState;

/**
 * Brings changes made elsewhere to this instance: LISTEN on the table's channel (one hop, about a
 * millisecond), and every poll interval a read of all keys in use, which covers notifications lost
 * while disconnected and connections that cannot LISTEN (transaction poolers). Runs on its own
 * thread and reconnects after failures.
 */
final class ChangeFeed implements Runnable {

    static final String CHANNEL = "rc_circuit_breakers";

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final StoreHealth health;
    private final Supplier<String[]> keys;
    private final BiConsumer<String, BreakerState> deliver;
    private final Map<String, Long> delivered = new HashMap<>();
    private volatile boolean running = true;
    private volatile Connection connection;

    ChangeFeed(DataSource dataSource, PostgresSettings settings, StoreHealth health, Supplier<String[]> keys,
            BiConsumer<String, BreakerState> deliver) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.health = health;
        this.keys = keys;
        this.deliver = deliver;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection opened = StoreConnection.open(dataSource, settings, "feed")) {
                connection = opened;
                PGConnection listening = settings.listen() ? listen(opened) : null;
                follow(opened, listening);
            } catch (SQLException problem) {
                if (running) {
                    health.failed(problem);
                    pause(settings.pollIntervalMillis());
                }
            } catch (RuntimeException unexpected) {
                pause(settings.pollIntervalMillis());
            } finally {
                connection = null;
            }
        }
    }

    private static PGConnection listen(Connection opened) throws SQLException {
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        return opened.unwrap(PGConnection.class);
    }

    private void follow(Connection opened, PGConnection listening) throws SQLException {
        poll(opened); // catch up on what happened while this connection was not listening
        long nextPoll = System.nanoTime() + settings.pollIntervalMillis() * 1_000_000L;
        while (running) {
            if (listening != null) {
                int waitMillis = (int) Math.max(1, (nextPoll - System.nanoTime()) / 1_000_000L);
                PGNotification[] notifications = listening.getNotifications(waitMillis);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        announce(notification.getParameter());
                    }
                }
            } else {
                pause(settings.pollIntervalMillis());
            }
            if (System.nanoTime() - nextPoll >= 0) {
                poll(opened);
                nextPoll = System.nanoTime() + settings.pollIntervalMillis() * 1_000_000L;
            }
        }
    }

    private void announce(String payload) {
        Rows.Announcement change = Rows.Announcement.parse(payload);
        if (change.namespace().equals(settings.namespace())) {
            offer(change.key(), change.state());
        }
    }

    private void poll(Connection opened) throws SQLException {
        String[] used = keys.get();
        if (used.length == 0) {
            return;
        }
        try (PreparedStatement select = opened.prepareStatement(StoreSql.POLL)) {
            Array array = opened.createArrayOf("varchar", used);
            select.setString(1, settings.namespace());
            select.setArray(2, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    offer(rows.getString("resource_key"), Rows.state(rows));
                }
            }
        }
    }

    /** Delivers a state unless this feed already delivered that version of the key. */
    private void offer(String key, BreakerState state) {
        Long known = delivered.get(key);
        if (known == null || state.version() > known) {
            delivered.put(key, state.version());
            deliver.accept(key, state);
        }
    }

    void stop() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // wakes a thread blocked in getNotifications
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
