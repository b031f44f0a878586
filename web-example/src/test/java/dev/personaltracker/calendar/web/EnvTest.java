package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTest {

    @TempDir
    Path dir;

    @Test
    void load_readsDotEnv_andTheEnvironmentWins() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "# OAuth clients\nGOOGLE_CLIENT_ID=from-file\nexport SECRET_KEY=\"quoted secret\"\n"
                + "MICROSOFT_CLIENT_ID='single'\nBROKEN LINE\nEMPTY=\n");

        Env env = Env.load(file, Map.of("GOOGLE_CLIENT_ID", "from-env"));

        assertThat(env.get("GOOGLE_CLIENT_ID")).contains("from-env");
        assertThat(env.get("SECRET_KEY")).contains("quoted secret");
        assertThat(env.get("MICROSOFT_CLIENT_ID")).contains("single");
        assertThat(env.get("EMPTY")).isEmpty();
        assertThat(env.get("MISSING")).isEmpty();
    }

    @Test
    void load_withoutAFile_usesTheEnvironment() {
        assertThat(Env.load(dir.resolve("none"), Map.of("PORT", "5001")).get("PORT")).contains("5001");
    }

    @Test
    void toString_namesVariablesButNeverValues() {
        assertThat(Env.of(Map.of("GOOGLE_CLIENT_SECRET", "s3cr3t")).toString())
                .contains("GOOGLE_CLIENT_SECRET").doesNotContain("s3cr3t");
    }
}
