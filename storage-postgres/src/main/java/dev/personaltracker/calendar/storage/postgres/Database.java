package dev.personaltracker.calendar.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The stores' access to the database: connections from the host's {@link DataSource}, the library's schema, single
 * statements and transactions, and the translation of {@link SQLException} into {@link PostgresStoreException}.
 * Thread-safe.
 */
final class Database {

    /** A schema name needs no quoting: lower-case letters, digits and underscores, not starting with a digit. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param connection  the connection, not null
         * @return the result
         * @throws SQLException if a statement fails
         */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String schema;

    private Database(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /**
     * @param dataSource  the host's data source, not null
     * @param schema  the schema name, checked
     * @return the database, not null
     * @throws IllegalArgumentException if the schema name needs quoting
     */
    static Database of(DataSource dataSource, String schema) {
        requireSchemaName(schema);
        return new Database(dataSource, schema);
    }

    /**
     * @param schema  a schema name, not null
     * @return the name
     * @throws IllegalArgumentException if it is not 1 to 63 characters of a-z, 0-9 and '_' starting with a letter or '_'
     */
    static String requireSchemaName(String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("The schema name '" + schema + "' is not 1 to 63 characters of a-z, 0-9 and '_'"
                    + " starting with a letter or '_'; choose such a name, for example tracker_calendar");
        }
        return schema;
    }

    DataSource dataSource() {
        return dataSource;
    }

    String schema() {
        return schema;
    }

    /**
     * @param name  a table of the library
     * @return its schema-qualified name, for SQL text
     */
    String table(String name) {
        return schema + "." + name;
    }

    /**
     * Runs statements on a connection in auto-commit mode: each statement is its own transaction.
     *
     * @param what  what the work does, for messages: "load the tokens record (...)", not null
     * @param work  the work, not null
     * @return its result
     * @throws PostgresStoreException if the connection or a statement fails
     */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            evictIfDead(e);
            throw failure(what, e, false);
        }
    }

    /**
     * After a dead connection, asks a HikariCP pool to retire its idle connections, which died with the same server
     * restart: the next call gets a fresh one instead of failing again on the next stale connection.
     */
    private void evictIfDead(SQLException e) {
        if (e.getSQLState() != null && isDeadConnection(e.getSQLState()) && dataSource instanceof HikariDataSource pool
                && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /**
     * Runs read-only statements, like {@link #run}, but once more on a fresh connection when the first one turns out
     * to be dead (the server restarted, or an administrator ended the session: SQL states 08xxx and 57P01-57P03). A
     * pool may hold such connections after a database restart; a read is safe to repeat, a write is not, so only
     * reads use this.
     *
     * @param what  what the read does, for messages, not null
     * @param work  the read, not null
     * @return its result
     * @throws PostgresStoreException if the read fails again, or fails for another reason
     */
    <T> T read(String what, Work<T> work) {
        try {
            return run(what, work);
        } catch (PostgresStoreException e) {
            if (e.sqlState().filter(Database::isDeadConnection).isEmpty()) {
                throw e;
            }
            return run(what, work);
        }
    }

    private static boolean isDeadConnection(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /**
     * Runs statements in one transaction: all of their changes land, or none.
     *
     * @param what  what the work does, for messages, not null
     * @param work  the work, not null
     * @return its result
     * @throws PostgresStoreException if the connection, a statement or the commit fails; the message says whether
     *     nothing was written (rolled back) or the outcome is unknown (the connection broke during the commit)
     */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw failure(what, e, true);
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreQuietly(connection, autoCommit);
            }
        } catch (SQLException e) {
            evictIfDead(e);
            throw failure(what, e, false);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreQuietly(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /**
     * Translates a failure into the store's exception, naming the SQL state and saying what to do.
     *
     * @param what  what was being done, not null
     * @param e  the failure, not null
     * @param duringCommit  whether it happened while committing, when the outcome is unknown
     * @return the exception to throw, not null
     */
    static PostgresStoreException failure(String what, SQLException e, boolean duringCommit) {
        String state = e.getSQLState();
        boolean connection = state != null && state.startsWith("08");
        String outcome = duringCommit
                ? "the connection failed while committing, so the change may or may not have been written: read it back,"
                        + " or repeat the call (saves replace, so repeating is safe)"
                : "nothing was written (the transaction was rolled back)";
        String advice = connection
                ? "the database connection was lost or refused: check that the server is up and reachable, then try again"
                : "check the database's log for SQL state " + state;
        String message = "Could not " + what + " in PostgreSQL (SQL state " + state + ", "
                + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + "); " + outcome + "; " + advice;
        return duringCommit ? new OutcomeUnknown(message, state, e) : new PostgresStoreException(message, state, e);
    }

    /** A failure while committing: the transaction may or may not have been written. */
    static final class OutcomeUnknown extends PostgresStoreException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknown(String message, String sqlState, SQLException cause) {
            super(message, sqlState, cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public String toString() {
        return "PostgreSQL schema " + schema;
    }
}
