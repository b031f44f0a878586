package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, loads and rotates the Tink keysets that encrypt the JSON stores (AEAD, AES256_GCM).
 * <p>
 * A keyset file holds its keys in the clear (Tink's JSON keyset format), readable only by its owner (POSIX
 * {@code rw-------}); keep it outside the store directory and out of backups that leave the machine. Hosts that can
 * should keep their key in a KMS instead and hand the stores an {@link Aead} from their KMS client.
 * <p>
 * Rotation: {@link #addPrimary} adds a fresh key and makes it primary. Records encrypted under the older keys stay
 * readable as long as those keys remain in the keyset; call {@code rotate()} on each store to re-encrypt everything
 * under the new primary, after which the old keys may be removed.
 * <p>
 * This class is a static utility and is thread-safe. Nothing it logs or throws contains key material.
 */
public final class StoreKeys {

    private static final Logger LOG = LoggerFactory.getLogger(StoreKeys.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StoreKeys() {
    }

    /**
     * Obtains a new keyset with one fresh AES256_GCM key.
     *
     * @return the keyset, not null
     */
    public static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate an AES256_GCM key: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Obtains a copy of a keyset with one more fresh AES256_GCM key, which becomes the primary (the one new records
     * are encrypted with). The older keys stay enabled, so everything encrypted before stays readable.
     *
     * @param keys  the current keyset, not null
     * @return the new keyset, not null
     */
    public static KeysetHandle addPrimary(KeysetHandle keys) {
        Objects.requireNonNull(keys, "keys");
        try {
            return KeysetHandle.newBuilder(keys)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not add a key to the keyset: " + e.getClass().getSimpleName()
                    + "; pass a keyset of AEAD keys", e);
        }
    }

    /**
     * Obtains the AEAD primitive of a keyset, as the stores use it.
     *
     * @param keys  an AEAD keyset, not null
     * @return the primitive: encrypts with the primary key, decrypts with any key of the keyset, not null
     * @throws IllegalArgumentException if the keyset holds no AEAD keys
     */
    public static Aead aead(KeysetHandle keys) {
        Objects.requireNonNull(keys, "keys");
        try {
            return keys.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The keyset does not provide an AEAD primitive (" + e.getClass().getSimpleName()
                    + "); create one with StoreKeys.generate()", e);
        }
    }

    /**
     * Loads the keyset in a file, creating the file with a new keyset (owner-only, written atomically) if it does
     * not exist. Two processes starting at once agree on one keyset: creation takes the file's lock.
     *
     * @param file  the keyset file, not null
     * @return the keyset, not null
     * @throws StorageException if the file cannot be read or created
     * @throws IllegalArgumentException if the file exists but holds no valid keyset
     */
    public static KeysetHandle loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = realTarget(file);
        try {
            return AtomicFiles.withLock(target, () -> {
                if (Files.exists(target)) {
                    warnIfOthersCanRead(target);
                    return parse(Files.readString(target, StandardCharsets.UTF_8), "the keyset file " + target);
                }
                KeysetHandle keys = generate();
                AtomicFiles.replace(target, serialize(keys).getBytes(StandardCharsets.UTF_8));
                LOG.info("Created a new keyset file {} (owner-only); back it up: without it the stores cannot be read", target);
                return keys;
            });
        } catch (IOException e) {
            throw new StorageException("Could not read or create the keyset file " + target + ": " + e.getMessage()
                    + "; check that its directory exists and is writable", target, e);
        }
    }

    /**
     * Loads the keyset in an existing file.
     *
     * @param file  the keyset file, not null
     * @return the keyset, not null
     * @throws StorageException if the file cannot be read
     * @throws IllegalArgumentException if it holds no valid keyset
     */
    public static KeysetHandle load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            warnIfOthersCanRead(file);
            return parse(Files.readString(file, StandardCharsets.UTF_8), "the keyset file " + file);
        } catch (IOException e) {
            throw new StorageException("Could not read the keyset file " + file + ": " + e.getMessage()
                    + "; check the path and its permissions", file, e);
        }
    }

    /**
     * Saves a keyset to a file durably and atomically (owner-only), replacing what was there: for example after
     * {@link #addPrimary}.
     *
     * @param keys  the keyset, not null
     * @param file  the keyset file, not null
     * @throws StorageException if the file cannot be written
     */
    public static void save(KeysetHandle keys, Path file) {
        Objects.requireNonNull(keys, "keys");
        Path target = realTarget(Objects.requireNonNull(file, "file"));
        try {
            AtomicFiles.withLock(target, () -> {
                AtomicFiles.replace(target, serialize(keys).getBytes(StandardCharsets.UTF_8));
                return null;
            });
        } catch (IOException e) {
            throw new StorageException("Could not write the keyset file " + target + ": " + e.getMessage()
                    + "; check that its directory is writable", target, e);
        }
        LOG.info("Saved a keyset of {} keys to {}", keys.size(), target);
    }

    /**
     * Loads a keyset from an environment variable holding it in Tink's JSON keyset format (as a file written by
     * {@link #loadOrCreate} holds it).
     *
     * @param variable  the variable's name, not null
     * @return the keyset, not null
     * @throws IllegalArgumentException if the variable is unset or holds no valid keyset; the message names the
     *     variable, never its value
     */
    public static KeysetHandle fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /** Loads a keyset from a variable of the given environment; {@link #fromEnvironment(String)} passes the real one. */
    static KeysetHandle fromEnvironment(String variable, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The environment variable " + variable + " is not set;"
                    + " set it to a Tink JSON keyset (the content of a keyset file)");
        }
        return parse(value, "the environment variable " + variable);
    }

    /**
     * Serializes a keyset in Tink's JSON format, keys in the clear.
     *
     * @param keys  the keyset, not null
     * @return the JSON, which is secret, not null
     */
    static String serialize(KeysetHandle keys) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keys, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not serialize the keyset: " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeysetHandle parse(String json, String source) {
        try {
            KeysetHandle keys = TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
            aead(keys);
            return keys;
        } catch (GeneralSecurityException | RuntimeException e) {
            // the parser's message may quote the input, which is secret: keep only the exception type
            throw new IllegalArgumentException(source + " does not hold a valid Tink AEAD keyset (" + e.getClass().getSimpleName()
                    + "); restore it from a backup");
        }
    }

    /** Logs a warning (naming the file, never its content) if a keyset file is readable by its group or others. */
    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (AtomicFiles.isPosix(file.toAbsolutePath().getParent())) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The keyset file {} is readable by other users ({}); restrict it with chmod 600", file,
                        PosixFilePermissions.toString(permissions));
            }
        }
    }

    private static Path realTarget(Path file) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        try {
            return AtomicFiles.ensureDirectory(parent).resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new StorageException("Could not create the directory " + parent + ": " + e.getMessage(), absolute, e);
        }
    }
}
