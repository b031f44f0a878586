package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a source file safely: it must be a regular file (not a FIFO, device, directory or an entry of /proc, /sys
 * or /dev), inside the allowed folder if one is set, no larger than the size limit, and read within the deadline
 * (on a pool thread that is interrupted at the deadline, so a stuck file system never holds the caller). Messages
 * name the source, never the file's content. Thread-safe.
 */
final class SafeFileReader {

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ics-file-reader");
        t.setDaemon(true);
        return t;
    });

    /** What identifies a file's version: if unchanged, so is its content. */
    record Stamp(Object fileKey, long size, long modifiedNanos) {
    }

    /** A file's text and its stamp. */
    record Content(String text, Stamp stamp) {
    }

    private final ReadLimits limits;

    SafeFileReader(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks the file and returns its stamp.
     *
     * @throws BadSettingsException naming the source if the file is missing, not a regular file, outside the
     *     allowed folder or too large
     */
    Stamp stamp(IcsSource source) {
        Path path = source.file();
        try {
            Path real = path.toRealPath();
            String text = real.toString();
            if (text.startsWith("/proc/") || text.startsWith("/sys/") || text.startsWith("/dev/")) {
                throw refuse(source, "is a system file (/proc, /sys or /dev), not a calendar");
            }
            Optional<Path> folder = limits.allowedFolder();
            if (folder.isPresent() && !real.startsWith(realFolder(folder.get()))) {
                throw refuse(source, "is outside the allowed folder " + folder.get());
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw refuse(source, "is not a regular file (a directory, FIFO or device)");
            }
            if (attributes.size() > limits.maxBytes()) {
                throw refuse(source, "is " + attributes.size() + " bytes, over the limit of " + limits.maxBytes()
                        + " (property '" + IcsCalendarProvider.MAX_BYTES + "')");
            }
            return new Stamp(Objects.requireNonNullElse(attributes.fileKey(), real), attributes.size(),
                    attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                            + attributes.lastModifiedTime().toInstant().getNano());
        } catch (NoSuchFileException e) {
            throw new BadSettingsException("ics: " + source.describe() + " does not exist: set property '"
                    + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "' to an existing .ics file", e);
        } catch (AccessDeniedException e) {
            throw new BadSettingsException("ics: " + source.describe() + " may not be read: check the file's"
                    + " permissions and property '" + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'", e);
        } catch (IOException e) {
            throw new BadSettingsException("ics: " + source.describe() + " cannot be read ("
                    + e.getClass().getSimpleName() + "): check the file and property '"
                    + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'", e);
        }
    }

    /**
     * Reads the file (checked by {@link #stamp} first).
     *
     * @throws BadSettingsException as {@link #stamp}, or if the file grew past the limit while read
     * @throws ProviderUnavailableException if the read does not finish within the deadline
     */
    Content read(IcsSource source) {
        Stamp stamp = stamp(source);
        Future<byte[]> bytes = READERS.submit(() -> readBounded(source));
        try {
            byte[] content = bytes.get(limits.fileTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Content(new String(content, StandardCharsets.UTF_8), stamp);
        } catch (TimeoutException e) {
            bytes.cancel(true);
            throw new ProviderUnavailableException("ics: " + source.describe() + " was not read within "
                    + limits.fileTimeout() + " (property '" + IcsCalendarProvider.FILE_TIMEOUT + "'); the file"
                    + " system may be stuck, try again later", e);
        } catch (InterruptedException e) {
            bytes.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("ics: interrupted while reading " + source.describe(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new BadSettingsException("ics: " + source.describe() + " cannot be read ("
                    + e.getCause().getClass().getSimpleName() + "): check the file and property '"
                    + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'", e.getCause());
        }
    }

    private byte[] readBounded(IcsSource source) throws IOException {
        try (InputStream in = Files.newInputStream(source.file())) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxBytes() + 1));
            if (content.length > limits.maxBytes()) {
                throw refuse(source, "is over the limit of " + limits.maxBytes() + " bytes (property '"
                        + IcsCalendarProvider.MAX_BYTES + "')");
            }
            return content;
        }
    }

    private static Path realFolder(Path folder) throws IOException {
        return folder.toAbsolutePath().normalize().toRealPath();
    }

    private static BadSettingsException refuse(IcsSource source, String why) {
        return new BadSettingsException("ics: " + source.describe() + " " + why + "; it is not read. Check property '"
                + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'");
    }
}
