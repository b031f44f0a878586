package dev.personaltracker.calendar.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every row of one table under the primary key of the stores' keyset, a page of rows at a time. Each row
 * is written back only if its version is still the one read (a row a writer changed meanwhile was encrypted under the
 * primary key by that writer), so rotation may run while the stores are in use. A row that fails to decrypt is left
 * as it is, the others are rotated, and the first such row is reported at the end.
 */
final class KeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
    private static final int PAGE = 100;

    /** A row's id (user first) and its content as read. */
    private record Row(List<String> key, byte[] ciphertext, long version) {
    }

    private final Database db;
    private final RowCipher cipher;
    private final List<String> keyColumns;

    /**
     * @param db  the database, not null
     * @param cipher  the table's cipher, not null
     * @param keyColumns  the table's primary-key columns, user first, not empty
     */
    KeyRotation(Database db, RowCipher cipher, List<String> keyColumns) {
        this.db = db;
        this.cipher = cipher;
        this.keyColumns = List.copyOf(keyColumns);
    }

    /**
     * @return the number of rows re-encrypted
     * @throws PostgresDecryptionException after rotating every other row, if some row could not be decrypted
     */
    int rotate() {
        String columns = String.join(", ", keyColumns);
        String tuple = "(" + columns + ")";
        String placeholders = "(" + String.join(", ", keyColumns.stream().map(c -> "?").toList()) + ")";
        String where = String.join(" AND ", keyColumns.stream().map(c -> c + " = ?").toList());
        List<String> after = null;
        int rotated = 0;
        int failed = 0;
        PostgresDecryptionException first = null;
        while (true) {
            List<String> from = after;
            List<Row> page = db.run("read a page of " + cipher.table() + " to rotate its key", c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT " + columns + ", ciphertext, version FROM " + cipher.table()
                        + (from == null ? "" : " WHERE " + tuple + " > " + placeholders) + " ORDER BY " + columns + " LIMIT " + PAGE)) {
                    for (int i = 0; from != null && i < from.size(); i++) {
                        s.setString(i + 1, from.get(i));
                    }
                    List<Row> rows = new ArrayList<>();
                    try (ResultSet result = s.executeQuery()) {
                        while (result.next()) {
                            List<String> key = new ArrayList<>();
                            for (int i = 1; i <= keyColumns.size(); i++) {
                                key.add(result.getString(i));
                            }
                            rows.add(new Row(key, result.getBytes(keyColumns.size() + 1), result.getLong(keyColumns.size() + 2)));
                        }
                    }
                    return rows;
                }
            });
            if (page.isEmpty()) {
                break;
            }
            for (Row row : page) {
                String user = row.key().get(0);
                List<String> id = row.key().subList(1, row.key().size());
                byte[] fresh;
                try {
                    fresh = cipher.seal(user, id, cipher.open(user, id, row.ciphertext()));
                } catch (PostgresDecryptionException e) {
                    failed++;
                    first = first == null ? e : first;
                    continue;
                }
                rotated += db.run("rotate the key of the " + cipher.describe(user, id), c -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE " + cipher.table() + " SET ciphertext = ?, version = version + 1,"
                            + " updated_at = now() WHERE " + where + " AND version = ?")) {
                        s.setBytes(1, fresh);
                        for (int i = 0; i < row.key().size(); i++) {
                            s.setString(i + 2, row.key().get(i));
                        }
                        s.setLong(row.key().size() + 2, row.version());
                        return s.executeUpdate();
                    }
                });
            }
            after = page.get(page.size() - 1).key();
        }
        LOG.info("Re-encrypted {} rows of {} under the primary key; {} rows left unchanged", rotated, cipher.table(), failed);
        if (first != null) {
            throw new PostgresDecryptionException(failed + " row(s) of " + cipher.table() + " were left under their old key because they"
                    + " could not be decrypted, first the " + first.record() + "; restore or delete those rows, then rotate again",
                    first.record(), first);
        }
        return rotated;
    }
}
