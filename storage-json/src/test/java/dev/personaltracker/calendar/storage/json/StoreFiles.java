package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Test helper that reads and damages store files the way a disk fault or an attacker would. */
final class StoreFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreFiles() {
    }

    static ObjectNode read(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    static void write(Path file, ObjectNode root) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(root));
    }

    /** @return the base64 ciphertext of the record at an index */
    static String ciphertext(Path file, int index) throws IOException {
        return read(file).get("records").get(index).get("ct").asText();
    }

    /** Replaces the ciphertext of the record at an index. */
    static void setCiphertext(Path file, int index, String ciphertext) throws IOException {
        ObjectNode root = read(file);
        ((ObjectNode) root.get("records").get(index)).put("ct", ciphertext);
        write(file, root);
    }

    /** Flips one bit of one byte of the decoded ciphertext of the record at an index. */
    static void flipCiphertextByte(Path file, int index, int byteIndex) throws IOException {
        byte[] ct = Base64.getDecoder().decode(ciphertext(file, index));
        ct[byteIndex % ct.length] ^= 0x01;
        setCiphertext(file, index, Base64.getEncoder().encodeToString(ct));
    }

    /** Cuts a file to a fraction of its length. */
    static void truncate(Path file, double keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] cut = new byte[(int) (bytes.length * keep)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        Files.write(file, cut);
    }
}
