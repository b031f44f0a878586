package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import java.io.IOException;
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

    /** A running child and the ack lines it has printed. */
    static final class Running {
        final Process process;
        final List<Long> acks = new ArrayList<>();
        private final Thread reader;
        private volatile boolean ready;
        private volatile boolean done;

        Running(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (var lines = process.inputReader()) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready = true;
                    } else if (line.equals("done")) {
                        done = true;
                    } else if (line.startsWith("ack ")) {
                        synchronized (acks) {
                            acks.add(Long.parseLong(line.substring(4)));
                        }
                    }
                }
            } catch (IOException e) {
                // the stream closes when the child dies
            }
        }

        void awaitReady(long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (!ready && process.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(2);
            }
        }

        /** Waits for the child to exit and for every line it printed to be read. */
        int finish(long timeoutSeconds) throws InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            reader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            return process.exitValue();
        }

        boolean sawDone() {
            return done;
        }

        List<Long> acks() {
            synchronized (acks) {
                return List.copyOf(acks);
            }
        }
    }

    /**
     * Starts a child JVM on this JVM's class path, tuned to start fast.
     *
     * @param errorLog  where the child's standard error goes, for diagnosis
     */
    static Running start(Path errorLog, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                ChildWriter.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(errorLog.getParent());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile())).start();
        return new Running(process);
    }
}
