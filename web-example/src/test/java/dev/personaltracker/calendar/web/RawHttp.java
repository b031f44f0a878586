package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests written byte for byte on a socket: for the headers java.net.http will not send (Host, none at all). */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends a request and reads the whole answer (the request should say {@code Connection: close}).
     *
     * @return the status line, the headers and the body as text
     */
    static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends a request in pieces, flushing each and pausing between them (a slow network, a phone: the body arrives in
     * several packets), and reads the whole answer (the request should say {@code Connection: close}).
     *
     * @return the status line, the headers and the body as text
     */
    static String exchangeInPieces(int port, java.time.Duration pause, String... pieces) throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    Thread.sleep(pause.toMillis());
                }
                out.write(pieces[i].getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Opens a connection to the server on 127.0.0.1, reads on it time out after 15 s.
     *
     * @return the connected socket
     */
    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Writes text on a connection, byte for byte (ISO-8859-1), and flushes it. */
    static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** @return a GET of {@code path} naming {@code host}, closing the connection afterwards */
    static String get(int port, String path, String host) throws IOException {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    /** @return the status code of an answer */
    static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }
}
