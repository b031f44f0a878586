package dev.personaltracker.calendar.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conditional writes of one table's rows (write the row only if its version is still the one read), with group
 * commit: writes that arrive while another batch is being committed wait, and the next writer commits all of them in
 * one transaction. A commit waits for the server's flush of its log to disk, which dominates the cost of a write, so
 * under concurrency N writers pay about one flush instead of N; a lone writer writes alone, as before.
 * <p>
 * Each write keeps its own outcome: its statement's update count says whether its version still matched, exactly as
 * if it had been written alone (statements run one after another inside the transaction, so two writes of one row in
 * one batch behave like two writers one after the other: the second finds the version changed). When a batch's
 * transaction fails before its commit, nothing of it was written and each write is tried again alone, so one write's
 * failure is reported to its own caller, naming its own record. When the connection breaks during the commit, every
 * write of the batch fails with the "outcome unknown" error naming its record. Rows are written in key order, so two
 * host instances' batches never wait on each other's rows in a cycle. Thread-safe.
 */
final class GroupedWrites {

    private static final Logger LOG = LoggerFactory.getLogger(GroupedWrites.class);

    /** The most writes one transaction carries. */
    static final int MAX_BATCH = 64;

    /** One write: a row (user, key), its new ciphertext and the version it was read at (0: no row yet). */
    record Write(String userId, String key, byte[] ciphertext, long version, String what) {
    }

    /** A queued write and, once a batch ran it, its outcome. Guarded by the queue's lock. */
    private static final class Pending {
        final Write write;
        boolean done;
        boolean applied;
        RuntimeException failure;

        Pending(Write write) {
            this.write = write;
        }
    }

    private static final Comparator<Pending> KEY_ORDER =
            Comparator.comparing((Pending p) -> p.write.userId()).thenComparing(p -> p.write.key());

    private final Database db;
    private final String insert;
    private final String update;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final AtomicLong transactions = new AtomicLong();
    private boolean writing;

    /**
     * @param db  the database, not null
     * @param table  the schema-qualified table, with columns user_id, session_key, ciphertext, version, updated_at
     */
    GroupedWrites(Database db, String table) {
        this.db = db;
        this.insert = "INSERT INTO " + table + " (user_id, session_key, ciphertext, version) VALUES (?, ?, ?, 1)"
                + " ON CONFLICT (user_id, session_key) DO NOTHING";
        this.update = "UPDATE " + table + " SET ciphertext = ?, version = version + 1, updated_at = now()"
                + " WHERE user_id = ? AND session_key = ? AND version = ?";
    }

    /**
     * Writes a row if its version is still the one read, together with the writes of other threads that arrive
     * meanwhile.
     *
     * @param write  the write, not null
     * @return true if written, false if the row's version had changed (or, for version 0, the row had been created)
     * @throws PostgresStoreException if the database cannot be written; the message names this write's record and
     *     says whether nothing was written or the outcome is unknown
     */
    boolean write(Write write) {
        Pending mine = new Pending(write);
        boolean interrupted = false;
        synchronized (queue) {
            queue.add(mine);
        }
        try {
            while (true) {
                List<Pending> batch;
                synchronized (queue) {
                    while (writing && !mine.done) {
                        try {
                            queue.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;    // a queued write may already be in a batch: see it through
                        }
                    }
                    if (mine.done) {
                        return outcome(mine);
                    }
                    writing = true;
                    batch = new ArrayList<>();
                    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queue.poll());
                    }
                }
                try {
                    run(batch);
                } finally {
                    synchronized (queue) {
                        for (Pending p : batch) {
                            if (!p.done) {   // run() ended by an Error: no writer may wait for this batch forever
                                p.failure = new PostgresStoreException("Could not " + p.write.what() + " in PostgreSQL:"
                                        + " the thread writing its batch failed, so the outcome is unknown; read it back,"
                                        + " or repeat the call", null, null);
                                p.done = true;
                            }
                        }
                        writing = false;
                        queue.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean outcome(Pending p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.applied;
    }

    /** @return how many writes wait for the batch after the one being written (for tests) */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** @return how many transactions (batches, or writes alone) have been run (for tests) */
    long transactions() {
        return transactions.get();
    }

    /** Runs a batch and records every write's outcome; never throws. */
    private void run(List<Pending> batch) {
        transactions.incrementAndGet();
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        batch.sort(KEY_ORDER);
        try {
            boolean[] applied = db.transaction("save " + batch.size() + " history records together (first: "
                    + batch.get(0).write.what() + ")", c -> {
                // any order of conditional writes is a valid one (each lands only if its version still matches when it
                // runs), so the inserts and the updates each go as one JDBC batch: two round trips, not one per write
                boolean[] result = new boolean[batch.size()];
                try (PreparedStatement ins = c.prepareStatement(insert); PreparedStatement upd = c.prepareStatement(update)) {
                    List<Integer> inserts = new ArrayList<>();
                    List<Integer> updates = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        Write w = batch.get(i).write;
                        bind(w.version() == 0 ? ins : upd, w);
                        (w.version() == 0 ? ins : upd).addBatch();
                        (w.version() == 0 ? inserts : updates).add(i);
                    }
                    record(inserts, inserts.isEmpty() ? new int[0] : ins.executeBatch(), result);
                    record(updates, updates.isEmpty() ? new int[0] : upd.executeBatch(), result);
                }
                return result;
            });
            synchronized (queue) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).applied = applied[i];
                    batch.get(i).done = true;
                }
            }
            LOG.debug("Committed {} conditional history writes in one transaction", batch.size());
        } catch (Database.OutcomeUnknown e) {
            synchronized (queue) {
                for (Pending p : batch) {
                    p.failure = Database.failure(p.write.what() + " (committed together with " + (batch.size() - 1)
                            + " other records)", e.getCause(), true);
                    p.done = true;
                }
            }
        } catch (RuntimeException e) {
            // rolled back: nothing of the batch was written, so each write is tried alone and fails (if it does) on its own
            LOG.debug("A batch of {} history writes failed before its commit ({}); writing each alone", batch.size(), e.toString());
            transactions.addAndGet(batch.size());
            batch.forEach(this::alone);
        }
    }

    /** One write in auto-commit mode; records its outcome. */
    private void alone(Pending p) {
        Write w = p.write;
        boolean applied = false;
        RuntimeException failure = null;
        try {
            applied = db.run(w.what(), c -> {
                try (PreparedStatement s = c.prepareStatement(w.version() == 0 ? insert : update)) {
                    return execute(s, w);
                }
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (queue) {
            p.applied = applied;
            p.failure = failure;
            p.done = true;
        }
    }

    private static void record(List<Integer> positions, int[] counts, boolean[] result) throws SQLException {
        if (counts.length != positions.size()) {
            throw new SQLException("The driver reported " + counts.length + " update counts for " + positions.size()
                    + " statements", "XX000");
        }
        for (int j = 0; j < counts.length; j++) {
            result[positions.get(j)] = counts[j] == 1;
        }
    }

    /** Binds and runs one write's statement (insert for version 0, else update); true if it changed the row. */
    private static boolean execute(PreparedStatement s, Write w) throws SQLException {
        bind(s, w);
        return s.executeUpdate() == 1;
    }

    private static void bind(PreparedStatement s, Write w) throws SQLException {
        if (w.version() == 0) {
            s.setString(1, w.userId());
            s.setString(2, w.key());
            s.setBytes(3, w.ciphertext());
        } else {
            s.setBytes(1, w.ciphertext());
            s.setString(2, w.userId());
            s.setString(3, w.key());
            s.setLong(4, w.version());
        }
    }
}
