package org.hrgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, bytes exactly as written: the way curl, Postman or a workstation sends
 * a raw `|` or unencoded UTF-8, which REST Assured and java.net.http would encode first.
 */
public final class RawHttp {

    /** A response as it came: status, headers (lower-case names) and body text. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    /**
     * Sends a request whose request line and headers are given as they go on the wire; the suites'
     * token is added unless `headers` hold an Authorization of their own.
     */
    public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        head.write(target.getBytes(StandardCharsets.UTF_8));
        head.write(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        // As the suites' other requests, with the platform's token unless the test sends its own.
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            head.write(("Authorization: " + TestTokens.bearer() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        if (body != null && !headers.containsKey("Transfer-Encoding") && !headers.containsKey("Content-Length")) {
            head.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedWhileSending) {
                // The server may answer and close before the whole body is sent (a 413): read that answer.
            }
            return read(socket.getInputStream());
        }
    }

    /** A body in the chunked transfer coding, 64 KB a chunk (send it with `Transfer-Encoding: chunked`). */
    public static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 1000 + 16);
        for (int at = 0; at < body.length; at += 65536) {
            int n = Math.min(65536, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static Response get(int port, String target) throws IOException {
        return send(port, "GET", target, Map.of(), null);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException endedEarly) {
            // What arrived is the answer.
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, text.substring(end + 4));
    }
}
