package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.storage.json.RecordFormat;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts and decrypts the rows of one table exactly as the JSON stores encrypt their records: Tink AEAD with the
 * associated data of {@link RecordFormat#associatedData}, bound to the store, the user and the row's id columns. A
 * ciphertext copied onto another row, or read with the wrong key, fails with {@link PostgresDecryptionException}
 * naming the row. Thread-safe.
 */
final class RowCipher {

    private static final Logger LOG = LoggerFactory.getLogger(RowCipher.class);

    private final Aead aead;
    private final String store;
    private final String table;
    private final List<String> idNames;

    /**
     * @param aead  the cipher, not null
     * @param store  the store name in associated data, such as {@link RecordFormat#TOKENS}, not null
     * @param table  the schema-qualified table, for messages, not null
     * @param idNames  the names of the id parts after the user, for messages, not null
     */
    RowCipher(Aead aead, String store, String table, List<String> idNames) {
        this.aead = aead;
        this.store = store;
        this.table = table;
        this.idNames = List.copyOf(idNames);
    }

    /**
     * @param user  the row's user, not null
     * @param id  the row's id parts after the user, not null
     * @param plaintext  the plaintext, not null
     * @return the ciphertext, not null
     */
    byte[] seal(String user, List<String> id, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, RecordFormat.associatedData(store, user, id));
        } catch (GeneralSecurityException e) {
            throw new PostgresStoreException("Could not encrypt the " + describe(user, id) + ": " + e.getClass().getSimpleName()
                    + "; check the key handed to the stores", null, e);
        }
    }

    /**
     * @param user  the row's user, not null
     * @param id  the row's id parts after the user, not null
     * @param ciphertext  the row's ciphertext, not null
     * @return the plaintext, not null
     * @throws PostgresDecryptionException if it does not decrypt for this row
     */
    byte[] open(String user, List<String> id, byte[] ciphertext) {
        try {
            return aead.decrypt(ciphertext, RecordFormat.associatedData(store, user, id));
        } catch (GeneralSecurityException e) {
            String record = describe(user, id);
            LOG.warn("Could not decrypt the {} in {}", record, table);
            throw new PostgresDecryptionException("Could not decrypt the " + record + " in table " + table
                    + ": it was altered, truncated or copied from another row, or the stores have the wrong key."
                    + " The other rows are unaffected; restore the row from a backup or delete the record", record, e);
        }
    }

    /**
     * Obtains the exception for a row that decrypted (so it is authentic) but whose plaintext this version cannot read.
     *
     * @param user  the row's user, not null
     * @param id  the row's id parts, not null
     * @param cause  the decoding failure, not null
     * @return the exception to throw, not null
     */
    PostgresStoreException undecodable(String user, List<String> id, Exception cause) {
        return new PostgresStoreException("The " + describe(user, id) + " in table " + table + " is authentic but its content"
                + " is not readable by this version of the library (" + cause.getMessage() + "); upgrade the library", null, cause);
    }

    /**
     * Names a row by its owner and id, for messages and logs; never its content.
     *
     * @param user  the user, not null
     * @param id  the id parts, not null
     * @return the description, not null
     */
    String describe(String user, List<String> id) {
        StringBuilder text = new StringBuilder(store).append(" record (user '").append(user).append('\'');
        for (int i = 0; i < id.size(); i++) {
            text.append(", ").append(idNames.get(i)).append(" '").append(id.get(i)).append('\'');
        }
        return text.append(')').toString();
    }

    String table() {
        return table;
    }
}
