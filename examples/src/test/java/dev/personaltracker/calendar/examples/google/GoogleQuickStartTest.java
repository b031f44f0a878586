package dev.personaltracker.calendar.examples.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start's configuration: environment first, then .env, and a clear message when something is missing. */
class GoogleQuickStartTest {

    @TempDir
    Path dir;

    @Test
    void settingsFrom_withNothingSet_namesBothVariablesAndWhereToGetThem() {
        assertThatThrownBy(() -> GoogleQuickStart.settingsFrom(Map.of(), dir.resolve(".env")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET")
                .hasMessageContaining("Google Cloud console")
                .hasMessageContaining(".env");
    }

    @Test
    void settingsFrom_namesOnlyTheMissingVariable() {
        assertThatThrownBy(() -> GoogleQuickStart.settingsFrom(Map.of("GOOGLE_CLIENT_ID", "cid"), dir.resolve(".env")))
                .hasMessageStartingWith("GoogleQuickStart needs GOOGLE_CLIENT_SECRET:");
    }

    @Test
    void settingsFrom_readsDotEnv_andTheEnvironmentWins() throws IOException {
        Path env = Files.writeString(dir.resolve(".env"), """
                # Google OAuth client
                export GOOGLE_CLIENT_ID="from-file.apps.googleusercontent.com"
                GOOGLE_CLIENT_SECRET='file-secret'
                """);

        ProviderSettings fromFile = GoogleQuickStart.settingsFrom(Map.of(), env);
        ProviderSettings overridden = GoogleQuickStart.settingsFrom(Map.of("GOOGLE_CLIENT_ID", "from-env"), env);

        assertThat(fromFile.clientId()).hasValue("from-file.apps.googleusercontent.com");
        assertThat(fromFile.clientSecret()).hasValue("file-secret");
        assertThat(overridden.clientId()).hasValue("from-env");
        assertThat(overridden.clientSecret()).hasValue("file-secret");
    }
}
