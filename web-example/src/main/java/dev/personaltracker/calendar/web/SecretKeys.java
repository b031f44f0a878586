package dev.personaltracker.calendar.web;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Finds the key of the encrypted stores.
 * <ul>
 * <li>{@code SECRET_KEY} holding a Tink JSON keyset (as {@code keyset.json} holds it): that keyset;</li>
 * <li>{@code SECRET_KEY} holding any other text (a passphrase, as the original Flask app's secret was): an AES-256-GCM
 *     key derived from it with PBKDF2-HMAC-SHA256 and a random salt kept in {@code secret-key.salt} in the data
 *     folder;</li>
 * <li>no {@code SECRET_KEY}: a keyset generated once into {@code keyset.json} in the data folder (owner-only).</li>
 * </ul>
 * Nothing here logs or throws key material.
 */
final class SecretKeys {

    static final String VARIABLE = "SECRET_KEY";
    private static final int ITERATIONS = 210_000;

    private SecretKeys() {
    }

    /**
     * Obtains the keyset for the stores.
     *
     * @param env  the configuration, not null
     * @param dataDir  the data folder, existing, not null
     * @return the keyset, not null
     */
    static KeysetHandle resolve(Env env, Path dataDir) {
        try {
            AeadConfig.register();
            var secret = env.get(VARIABLE);
            if (secret.isEmpty()) {
                return StoreKeys.loadOrCreate(dataDir.resolve("keyset.json"));
            }
            String value = secret.get().strip();
            if (value.startsWith("{")) {
                try {
                    return TinkJsonProtoKeysetFormat.parseKeyset(value, InsecureSecretKeyAccess.get());
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new IllegalArgumentException(VARIABLE + " looks like JSON but is not a Tink keyset; "
                            + "give a keyset or a passphrase");
                }
            }
            return fromPassphrase(value, salt(dataDir.resolve("secret-key.salt")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the store key: " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeysetHandle fromPassphrase(String passphrase, byte[] salt) throws GeneralSecurityException {
        char[] chars = passphrase.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, ITERATIONS, 256);
        byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        spec.clearPassword();
        Arrays.fill(chars, '\0');
        try {
            AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                    .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).build();
            return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] salt(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            Path tmp = Files.createTempFile(file.getParent(), "salt", ".tmp");
            Files.write(tmp, salt);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return salt;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }
}
