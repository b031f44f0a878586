package dev.personaltracker.calendar.storage.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Crash-safe file primitives: owner-only files, whole-file replacement by write-to-temp, fsync, atomic rename and
 * directory fsync, and a per-file exclusive lock that holds across threads and processes.
 * <p>
 * Thread-safe. The thread locks are static so that two store instances over the same directory in one JVM also
 * exclude each other (a JVM may hold only one {@link FileLock} per file).
 */
final class AtomicFiles {

    /** Suffix of the temporary file a write creates next to its target. */
    static final String TEMP_SUFFIX = ".tmp";

    /** Striped thread locks keyed by lock-file path: bounded memory however many users there are. */
    private static final ReentrantLock[] STRIPES = new ReentrantLock[256];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private AtomicFiles() {
    }

    /** Work done while holding a file's exclusive lock. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Checks if a directory's file system has POSIX permissions.
     *
     * @param directory  the directory, not null
     * @return true on POSIX file systems
     */
    static boolean isPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates a directory (and its parents) readable only by its owner if it does not exist, and resolves it to its
     * real path, so that two spellings of one directory share their locks.
     *
     * @param directory  the directory, not null
     * @return the real path, not null
     * @throws IOException if it cannot be created
     */
    static Path ensureDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Path absolute = directory.toAbsolutePath();
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (isPosix(parent == null ? absolute : parent)) {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(absolute);
                }
            } catch (FileAlreadyExistsException raced) {
                // another thread or process created it first: fine
            }
        }
        return directory.toRealPath();
    }

    /**
     * Runs work while holding the exclusive lock of a target file: first a thread lock, then an OS file lock on
     * {@code target + ".lock"} (never on the target itself, which renames replace).
     *
     * @param target  the file to be protected, not null
     * @param work  the work, not null
     * @return what the work returned
     * @throws IOException if the lock cannot be taken or the work fails
     */
    static <T> T withLock(Path target, LockedWork<T> work) throws IOException {
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        ReentrantLock stripe = STRIPES[Math.floorMod(lockFile.hashCode(), STRIPES.length)];
        stripe.lock();
        try (FileChannel channel = open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return work.run();
            } finally {
                lock.release();
            }
        } finally {
            stripe.unlock();
        }
    }

    /**
     * Reads a whole file. The file is only ever replaced by an atomic rename, so this sees either the old or the new
     * content, never a mix; it needs no lock.
     *
     * @param file  the file, not null
     * @return its bytes, empty if the file does not exist
     * @throws IOException if it cannot be read
     */
    static Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /**
     * Replaces a file's content durably: writes a temporary file in the same directory (owner-only), forces it to
     * disk, renames it atomically over the target and forces the directory. When this returns, the new content
     * survives a crash or power loss; if it throws, the old content is untouched.
     * Call it while holding {@link #withLock the file's lock}.
     *
     * @param target  the file to replace, not null
     * @param content  the new content, not null
     * @throws IOException if any step fails
     */
    static void replace(Path target, byte[] content) throws IOException {
        Path temp = temporaryOf(target);
        try {
            // one fixed name per target: only the lock holder writes it, and a killed writer's leftover is simply
            // truncated and reused, so no directory scan is ever needed
            try (FileChannel channel = open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException failure) {
            Files.deleteIfExists(temp);
            throw failure;
        }
        forceDirectory(target.getParent());
    }

    /**
     * @param target  a file, not null
     * @return the temporary file its writes go through, in the same directory
     */
    static Path temporaryOf(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    /**
     * Deletes a file durably (the directory is forced afterwards). Call it while holding the file's lock.
     *
     * @param target  the file, not null
     * @return true if it existed
     * @throws IOException if it cannot be deleted
     */
    static boolean delete(Path target) throws IOException {
        boolean existed = Files.deleteIfExists(target);
        if (existed) {
            forceDirectory(target.getParent());
        }
        return existed;
    }

    /**
     * Opens a file channel, creating the file owner-only ({@code rw-------}) on POSIX file systems.
     */
    private static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        if (isPosix(file.getParent())) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return FileChannel.open(file, set, ownerOnly);
        }
        return FileChannel.open(file, set);
    }

    /** Forces a directory's entries (a rename or delete) to disk; a no-op where the platform cannot open directories. */
    private static void forceDirectory(Path directory) throws IOException {
        if (!isPosix(directory)) {
            return; // Windows cannot open a directory as a channel; NTFS journals the rename itself
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
