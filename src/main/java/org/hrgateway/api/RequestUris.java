package org.hrgateway.api;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The request target as FHIR clients really send it, made into the one form the rest of the server
 * reads. The specification writes token searches with a raw `|` (`code=http://loinc.org|718-7`), and
 * curl, Postman and many workstation clients send `|`, `[`, `]`, `{`, `}`, `^`, a backtick and
 * unencoded UTF-8 as typed. Such characters are percent-encoded here, so that they decode exactly as
 * their encoded form; what cannot be read at all (a malformed escape, bytes that are not UTF-8, a
 * control character) is refused with a 400 that says where.
 */
public final class RequestUris {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestUris() {
    }

    /**
     * The canonical form of a request target (`/fhir/Observation?code=a|b`): every character that
     * {@link java.net.URI} would refuse percent-encoded, escapes checked. The HTTP codec hands over
     * the request line byte for byte as ISO-8859-1 characters, so a character above U+007F is one
     * byte of the client's UTF-8.
     */
    public static String canonical(String target) {
        StringBuilder canonical = null;
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                checkEscape(target, i);
            } else if (!isUriCharacter(c)) {
                if (c > 0xFF) {
                    throw invalid("The request target holds a character that is not a byte of UTF-8");
                }
                if (canonical == null) {
                    canonical = new StringBuilder(length + 16).append(target, 0, i);
                }
                canonical.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                continue;
            }
            if (canonical != null) {
                canonical.append(c);
            }
        }
        String result = canonical == null ? target : canonical.toString();
        checkDecodedText(result);
        return result;
    }

    private static void checkEscape(String target, int at) {
        if (at + 2 >= target.length() || Character.digit(target.charAt(at + 1), 16) < 0
                || Character.digit(target.charAt(at + 2), 16) < 0) {
            String escape = target.substring(at, Math.min(target.length(), at + 3));
            throw invalid("Malformed percent-escape '" + escape + "' at character " + at
                    + " of the request target: '%' must be followed by two hexadecimal digits (write '%25' for '%')");
        }
    }

    /**
     * The escapes must decode to UTF-8 text without control characters: `%00` would reach PostgreSQL,
     * which refuses a NUL, and `%C3%28` is not text at all.
     */
    private static void checkDecodedText(String target) {
        if (target.indexOf('%') < 0) {
            return;
        }
        byte[] bytes = new byte[target.length()];
        int count = 0;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                int value = Character.digit(target.charAt(i + 1), 16) * 16 + Character.digit(target.charAt(i + 2), 16);
                if (value < 0x20 || value == 0x7F) {
                    throw invalid(String.format("The request target holds the control character U+%04X (%s),"
                            + " which no FHIR search value or id may contain", value, target.substring(i, i + 3)));
                }
                bytes[count++] = (byte) value;
                i += 2;
            } else {
                bytes[count++] = (byte) c;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, count));
        } catch (CharacterCodingException e) {
            throw invalid("The request target's escapes do not decode as UTF-8: percent-encode the UTF-8 bytes of the text");
        }
    }

    /** Characters {@link java.net.URI} takes in a path and query: RFC 3986 unreserved, sub-delims, `:@/?` and `%`. */
    private static boolean isUriCharacter(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@', '/', '?' -> true;
            default -> false;
        };
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
