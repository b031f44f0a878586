package dev.personaltracker.calendar.storage.postgres;

/**
 * A row's ciphertext and version as read, for compare-and-set writes.
 *
 * @param ciphertext  the encrypted content, not null
 * @param version  the row's version, positive
 */
record VersionedRow(byte[] ciphertext, long version) {
}
