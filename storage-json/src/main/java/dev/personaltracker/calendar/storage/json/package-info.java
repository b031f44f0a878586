/**
 * Encrypted, crash-safe JSON files for the store SPIs: {@link dev.personaltracker.calendar.storage.json.JsonTokenStore},
 * {@link dev.personaltracker.calendar.storage.json.JsonHistoryStore},
 * {@link dev.personaltracker.calendar.storage.json.JsonSyncStateStore},
 * {@link dev.personaltracker.calendar.storage.json.JsonProfileStore} (versioned, compare-and-set) and
 * {@link dev.personaltracker.calendar.storage.json.JsonChannelStore} (every user's push channels in one file), with keys from
 * {@link dev.personaltracker.calendar.storage.json.StoreKeys}.
 * <p>
 * One file per (store, user) in a directory the host chooses (one file for every user's push channels); each record encrypted on its own with Tink AEAD
 * (AES256_GCM) and associated data that binds it to its owner; every write durable when it returns (temporary file,
 * fsync, atomic rename, directory fsync) and exclusive across threads and processes; damage reported as
 * {@link dev.personaltracker.calendar.storage.json.StoreCorruptedException} or
 * {@link dev.personaltracker.calendar.storage.json.RecordDecryptionException}, never repaired by overwriting.
 */
package dev.personaltracker.calendar.storage.json;
