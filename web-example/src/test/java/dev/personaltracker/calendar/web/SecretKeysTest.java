package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @TempDir
    Path data;

    @Test
    void resolve_withoutSecretKey_generatesOneKeysetFile_andKeepsUsingIt() throws Exception {
        KeysetHandle first = SecretKeys.resolve(Env.of(Map.of()), data);
        KeysetHandle again = SecretKeys.resolve(Env.of(Map.of()), data);

        assertThat(data.resolve("keyset.json")).exists();
        assertThat(decrypt(again, encrypt(first, "grant"))).isEqualTo("grant");
    }

    @Test
    void resolve_withAPassphrase_derivesTheSameKeyEachStart_andADifferentOneForAnotherPassphrase() throws Exception {
        KeysetHandle first = SecretKeys.resolve(Env.of(Map.of("SECRET_KEY", "correct horse battery staple")), data);
        KeysetHandle again = SecretKeys.resolve(Env.of(Map.of("SECRET_KEY", "correct horse battery staple")), data);
        KeysetHandle other = SecretKeys.resolve(Env.of(Map.of("SECRET_KEY", "another passphrase")), data);

        byte[] sealed = encrypt(first, "grant");
        assertThat(decrypt(again, sealed)).isEqualTo("grant");
        assertThatThrownBy(() -> decrypt(other, sealed)).isInstanceOf(java.security.GeneralSecurityException.class);
        assertThat(data.resolve("secret-key.salt")).exists();
        assertThat(data.resolve("keyset.json")).doesNotExist();
    }

    @Test
    void resolve_withAJsonKeyset_usesIt() throws Exception {
        KeysetHandle keys = StoreKeys.generate();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(keys, InsecureSecretKeyAccess.get());

        KeysetHandle resolved = SecretKeys.resolve(Env.of(Map.of("SECRET_KEY", json)), data);

        assertThat(decrypt(resolved, encrypt(keys, "grant"))).isEqualTo("grant");
    }

    @Test
    void resolve_withBrokenJson_failsWithoutShowingTheValue() {
        assertThatThrownBy(() -> SecretKeys.resolve(Env.of(Map.of("SECRET_KEY", "{\"not\": \"a keyset\"}")), data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECRET_KEY")
                .hasMessageNotContaining("not\": \"a keyset");
    }

    private static byte[] encrypt(KeysetHandle keys, String text) throws Exception {
        return keys.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt(text.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    private static String decrypt(KeysetHandle keys, byte[] sealed) throws Exception {
        return new String(keys.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(sealed, new byte[0]),
                StandardCharsets.UTF_8);
    }
}
