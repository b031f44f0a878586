package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's configuration variables: the process environment over an optional {@code .env} file
 * ({@code KEY=VALUE} lines, {@code #} comments, optional quotes). The environment wins, as in most tools.
 * Values are secrets in part (client secrets, SECRET_KEY): {@link #toString()} shows names only.
 */
final class Env {

    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Obtains the variables of a map (for tests).
     *
     * @param values  the variables, not null
     * @return the env, not null
     */
    static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /**
     * Reads a {@code .env} file, if it exists, under the given environment.
     *
     * @param dotEnv  the file, not null
     * @param environment  the process environment, not null
     * @return the merged variables, not null
     */
    static Env load(Path dotEnv, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        if (Files.isRegularFile(dotEnv)) {
            try {
                for (String line : Files.readAllLines(dotEnv, StandardCharsets.UTF_8)) {
                    parseLine(line).ifPresent(kv -> merged.put(kv[0], kv[1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dotEnv, e);
            }
        }
        merged.putAll(environment);
        return new Env(merged);
    }

    static Optional<String[]> parseLine(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        if (trimmed.startsWith("export ")) {
            trimmed = trimmed.substring("export ".length()).strip();
        }
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String key = trimmed.substring(0, eq).strip();
        String value = trimmed.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return Optional.of(new String[] {key, value});
    }

    /**
     * Gets a variable; blank counts as unset.
     *
     * @param name  the name, not null
     * @return the value, if set and not blank
     */
    /**
     * Returns these variables with one set.
     *
     * @param name  the name, not null
     * @param value  the value, not null
     * @return the changed copy, not null
     */
    Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(name, value);
        return new Env(copy);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(name, "name"))).filter(v -> !v.isBlank());
    }

    /** @return the names of the variables, never their values */
    @Override
    public String toString() {
        return "Env" + values.keySet().stream().sorted().toList();
    }
}
