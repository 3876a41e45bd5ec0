package org.resilientcircuit.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.lang.System.Logger.Level;
import java.util.Arrays;

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
    /** Keys per poll statement: each batch is a short statement, well inside the statement timeout. */
    static final int POLL_BATCH = 1_000;
    /**
     * Between full polls, a poll reads only the rows changed since the previous one, looking back
     * this much further: a row's updated_at is set before its transaction commits, and a
     * transaction of the store ends within its statement timeout.
     */
    static final long LOOKBACK_MARGIN_MILLIS = 5_000;
    /**
     * Every this many polls (a minute at the default interval), every key in use is read whatever
     * its updated_at: for changes an incremental poll cannot see (a table restored from a backup, a
     * writer whose transaction outlived the margin).
     */
    static final int FULL_POLL_EVERY = 60;
    /**
     * The first pause after the feed's connection failed; each next one doubles, up to the poll
     * interval. A failover (a replica promoted within a second) is then followed within a second.
     */
    static final long FIRST_RETRY_MILLIS = 100;
    /** How long the feed waits for its own test notification after it starts to LISTEN. */
    static final long ECHO_WAIT_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final StoreHealth health;
    private final StoreEvents events;
    private final Subscribers sink;
    private final Runnable reconnected;
    private final History history = new History();
    private String lastUnexpected = "";
    private volatile boolean running = true;
    private volatile Connection connection;
    /** The database clock minus this host's, in microseconds, as estimated when the connection opened. */
    private long clockOffsetMicros;

    ChangeFeed(DataSource dataSource, PostgresSettings settings, StoreHealth health, StoreEvents events,
            Subscribers sink, Runnable reconnected) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.health = health;
        this.events = events;
        this.sink = sink;
        this.reconnected = reconnected;
    }

    @Override
    public void run() {
        long retryMillis = FIRST_RETRY_MILLIS;
        boolean failed = false;
        while (running) {
            try (StoreSession session = StoreSession.open(dataSource, settings, "feed")) {
                Connection opened = session.connection();
                connection = opened;
                clockOffsetMicros = clockOffset(opened);
                PGConnection listening = settings.listen() ? listen(opened) : null;
                if (listening != null) {
                    health.notificationsArrive(echoes(listening), settings.pollIntervalMillis());
                }
                if (failed) {
                    reconnected.run(); // the database is back (a promoted replica?): the writer need not wait for its tick
                }
                failed = false;
                retryMillis = FIRST_RETRY_MILLIS;
                follow(opened, listening);
            } catch (SQLException problem) {
                if (running) {
                    health.failed(problem);
                    failed = true;
                    pause(retryMillis);
                    retryMillis = Math.min(retryMillis * 2, Math.max(FIRST_RETRY_MILLIS, settings.pollIntervalMillis()));
                }
            } catch (RuntimeException unexpected) {
                reportOnce(unexpected);
                pause(settings.pollIntervalMillis());
            } finally {
                connection = null;
            }
        }
    }

    /** A bug or a driver surprise: said once (not once per reconnect), then the feed goes on. */
    private void reportOnce(RuntimeException unexpected) {
        String what = unexpected.toString();
        if (!what.equals(lastUnexpected)) {
            lastUnexpected = what;
            LOG.log(Level.ERROR, "Resilient Circuit's change feed failed unexpectedly and reconnects: " + what,
                    unexpected);
        }
    }

    private static PGConnection listen(Connection opened) throws SQLException {
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        return opened.unwrap(PGConnection.class);
    }

    /**
     * Sends a notification from another connection, as another instance would, and waits for it
     * here, handing on the changes that arrive meanwhile. A pooler in transaction mode accepts
     * LISTEN on a server connection that goes back to its pool, where what arrives is dropped (a
     * notification sent over the listening connection itself would come back with its own answer).
     */
    private boolean echoes(PGConnection listening) throws SQLException {
        String echo = "rc-echo " + settings.instanceId() + " " + System.nanoTime();
        try (StoreSession sender = StoreSession.open(dataSource, settings, "feed echo");
                PreparedStatement notify = sender.connection().prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, echo);
            notify.execute();
        }
        long deadline = System.nanoTime() + ECHO_WAIT_MILLIS * 1_000_000L;
        boolean back = false;
        for (long left = ECHO_WAIT_MILLIS; !back && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
            PGNotification[] arrived = listening.getNotifications((int) left);
            for (PGNotification notification : arrived == null ? new PGNotification[0] : arrived) {
                if (echo.equals(notification.getParameter())) {
                    back = true;
                } else {
                    announce(notification.getParameter());
                }
            }
        }
        return back;
    }

    private void follow(Connection opened, PGConnection listening) throws SQLException {
        poll(opened); // catch up on what happened while this connection was not listening
        long lastPoll = System.nanoTime();
        long nextPoll = lastPoll + settings.pollIntervalMillis() * 1_000_000L;
        int polls = 0;
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
            long now = System.nanoTime();
            if (now - nextPoll >= 0) {
                if (++polls % FULL_POLL_EVERY == 0) {
                    poll(opened);
                } else {
                    pollChanged(opened, (now - lastPoll) / 1_000_000L + LOOKBACK_MARGIN_MILLIS);
                }
                lastPoll = now;
                nextPoll = System.nanoTime() + settings.pollIntervalMillis() * 1_000_000L;
            }
        }
    }

    /**
     * Half a round trip is the error of this estimate, a few tens of microseconds on a local
     * network: small beside the propagation delay it serves to measure.
     */
    private static long clockOffset(Connection opened) throws SQLException {
        try (Statement statement = opened.createStatement()) {
            long before = nowMicros();
            try (ResultSet row = statement.executeQuery(StoreSql.CLOCK)) {
                long after = nowMicros();
                row.next();
                return row.getLong(1) - (before + after) / 2;
            }
        }
    }

    private void announce(String payload) {
        Rows.Announcement change;
        try {
            change = Rows.Announcement.parse(payload);
        } catch (IllegalArgumentException malformed) {
            return; // not an announcement this release understands; the next poll reads the row anyway
        }
        if (change.namespace().equals(settings.namespace())) {
            long delayMillis = change.announcedMicros() < 0 ? -1
                    : Math.max(0, (nowMicros() + clockOffsetMicros - change.announcedMicros()) / 1000);
            offer(change.key(), change.row(), false, delayMillis);
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** The rows of the namespace changed within the last {@code lookbackMillis}, of the keys in use. */
    private void pollChanged(Connection opened, long lookbackMillis) throws SQLException {
        try (PreparedStatement select = opened.prepareStatement(StoreSql.POLL_CHANGED)) {
            select.setString(1, settings.namespace());
            select.setLong(2, lookbackMillis);
            long start = System.nanoTime();
            try (ResultSet rows = select.executeQuery()) {
                events.roundTrip(start);
                while (rows.next()) {
                    offer(rows.getString("resource_key"), Rows.read(rows), true, -1);
                }
            }
        }
    }

    /** Every key in use, in batches: one primary-key probe per key (see poll.sql). */
    private void poll(Connection opened) throws SQLException {
        String[] used = sink.keys();
        for (int from = 0; from < used.length; from += POLL_BATCH) {
            String[] batch = Arrays.copyOfRange(used, from, Math.min(used.length, from + POLL_BATCH));
            try (PreparedStatement select = opened.prepareStatement(StoreSql.POLL)) {
                select.setArray(1, opened.createArrayOf("varchar", batch));
                select.setString(2, settings.namespace());
                long start = System.nanoTime();
                try (ResultSet rows = select.executeQuery()) {
                    events.roundTrip(start);
                    while (rows.next()) {
                        offer(rows.getString("resource_key"), Rows.read(rows), true, -1);
                    }
                }
            }
        }
    }

    /**
     * Delivers a row unless this feed already delivered that version of the key, and counts it as
     * received when another instance made it: always when announced, and when found by polling
     * only if the feed had delivered the key before (a first poll reads a starting state, not a
     * change). A row that went back in history is delivered as a rebase; one that cannot be
     * understood is reported and skipped.
     */
    private void offer(String key, Rows.Row row, boolean fresh, long delayMillis) {
        if (!sink.uses(key)) {
            return; // another service's key in this namespace
        }
        if (!row.readable()) {
            health.unreadable(key, row.problem());
            return;
        }
        health.readable(key);
        BreakerState state = row.state();
        boolean knewKey = history.knows(key);
        long tableBefore = history.table();
        History.Verdict verdict = fresh ? history.read(key, row.table(), state.version())
                : history.announced(key, row.table(), state.version());
        switch (verdict) {
            case NEWER -> {
                // version 0 is the row's insertion, which changes no state
                if (state.version() > 0 && (delayMillis >= 0 || knewKey)
                        && !settings.instanceId().equals(state.owner())) {
                    events.observer().changeReceived(key, delayMillis);
                }
                sink.changed(key, state);
            }
            case RESTARTED -> {
                health.restarted(key, state.version(), tableBefore == row.table() ? "a higher one"
                        : "a version in the table it replaced");
                sink.rebased(key, state);
            }
            default -> {
                // known already, or a late announcement
            }
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
