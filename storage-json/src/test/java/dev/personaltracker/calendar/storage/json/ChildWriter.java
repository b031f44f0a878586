package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the multi-process and crash tests: saves tokens {@code <prefix>-0}, {@code <prefix>-1}, ... for
 * one user and prints {@code ack <i>} after each save returned (so the parent knows which writes the store promised
 * to keep), then {@code done}.
 * <p>
 * Arguments: store directory, keyset file, user, account prefix, number of writes (negative: until killed).
 */
public final class ChildWriter {

    private ChildWriter() {
    }

    /** The access token the child writes for an account; the tests check it came back whole. */
    static String accessToken(String account) {
        return "secret-access-" + account;
    }

    static OAuthToken token(String account) {
        return OAuthToken.of(accessToken(account), Optional.of("secret-refresh-" + account), Optional.empty(), Set.of("calendar"));
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        JsonTokenStore store = JsonTokenStore.open(directory, StoreKeys.load(Path.of(args[1])));
        String user = args[2];
        String prefix = args[3];
        long count = Long.parseLong(args[4]);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; count < 0 || i < count; i++) {
            String account = prefix + "-" + i;
            store.save(TokenKey.of(user, "google", account), token(account));
            System.out.println("ack " + i);
            System.out.flush();
        }
        System.out.println("done");
        System.out.flush();
    }

    /**
     * A running child. Its standard output goes to a file rather than a pipe: what the child wrote before a SIGKILL
     * is in the file, with no reader thread that could race the process's exit.
     */
    static final class Running {
        final Process process;
        private final Path output;

        Running(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        private List<String> lines() {
            try {
                return Files.readAllLines(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitReady(long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (!lines().contains("ready") && process.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(2);
            }
        }

        /** Waits for the child to exit. */
        int finish(long timeoutSeconds) throws InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        }

        boolean sawDone() {
            return lines().contains("done");
        }

        /** @return the numbers of the acknowledged saves, in the order printed; only whole lines count */
        List<Long> acks() {
            return lines().stream().filter(l -> l.matches("ack \\d+")).map(l -> Long.parseLong(l.substring(4))).toList();
        }
    }

    /**
     * Starts a child JVM on this JVM's class path, tuned to start fast.
     *
     * @param errorLog  where the child's standard error goes, for diagnosis
     */
    static Running start(Path errorLog, String... args) throws IOException {
        return start(List.of(), errorLog, args);
    }

    /**
     * Starts a child JVM with extra JVM options, such as a class-data-sharing archive to start faster.
     *
     * @param jvmOptions  options placed before the class name
     * @param errorLog  where the child's standard error goes, for diagnosis
     */
    static Running start(List<String> jvmOptions, Path errorLog, String... args) throws IOException {
        return start(ChildWriter.class, jvmOptions, errorLog, args);
    }

    /**
     * Starts a child JVM running another test main class, such as {@link ProfileAppender}.
     *
     * @param main  the class whose main method runs
     * @param jvmOptions  options placed before the class name
     * @param errorLog  where the child's standard error goes, for diagnosis
     */
    static Running start(Class<?> main, List<String> jvmOptions, Path errorLog, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx64m",
                // no logging back end: starting logback would double the child's start-up CPU time
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(errorLog.getParent());
        Path output = Files.createTempFile(errorLog.getParent(), "child", ".out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()))
                .start();
        return new Running(process, output);
    }
}
