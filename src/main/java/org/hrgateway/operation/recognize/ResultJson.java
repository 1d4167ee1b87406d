package org.hrgateway.operation.recognize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.hrgateway.fhir.DateRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the elements the rules need straight out of a stored Observation's or DiagnosticReport's
 * JSON, skipping the rest: a full HAPI parse of every candidate cost a fifth of a `$recognize`
 * call's CPU, for six elements. Stored JSON is the gateway's own encoding of a valid resource, so
 * every element has its one JSON form; times are read by HAPI's own types, so that a partial date
 * means here what it means in a parsed resource.
 *
 * @param codes     `system|code` of every Coding in `code` that has both
 * @param marked    an extension with `markUrl` and a value
 * @param effective effective[x]: a dateTime or instant as is, a Period by its start, else its end
 * @param performer the first performer reference to an Organization
 */
record ResultJson(String resourceType, String status, Set<String> codes, boolean marked, Instant effective,
                  Instant issued, String performer) {

    private static final JsonFactory JSON = new JsonFactory();

    static ResultJson read(String json, String markUrl, ZoneId zone) {
        try (JsonParser parser = JSON.createParser(json)) {
            return read(parser, markUrl, zone);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored JSON that cannot be read", e);
        }
    }

    private static ResultJson read(JsonParser parser, String markUrl, ZoneId zone) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        String type = null;
        String status = null;
        Set<String> codes = new HashSet<>();
        boolean marked = false;
        Instant effective = null;
        Instant issued = null;
        String performer = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "resourceType" -> type = parser.getText();
                case "status" -> status = parser.getText();
                case "code" -> readCodes(parser, codes);
                case "extension" -> marked |= readMark(parser, markUrl);
                case "effectiveDateTime" -> effective = start(parser.getText(), zone);
                case "effectiveInstant", "issued" -> {
                    Instant instant = start(parser.getText(), zone);
                    if (name.equals("issued")) {
                        issued = instant;
                    } else {
                        effective = instant;
                    }
                }
                case "effectivePeriod" -> effective = readPeriod(parser, zone);
                case "performer" -> performer = readOrganization(parser);
                default -> {
                    if (value.isStructStart()) {
                        parser.skipChildren();
                    }
                }
            }
        }
        return new ResultJson(type, status, Set.copyOf(codes), marked, effective, issued, performer);
    }

    /** `{"coding": [{"system": s, "code": c}, ...], ...}` */
    private static void readCodes(JsonParser parser, Set<String> codes) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean coding = "coding".equals(parser.currentName());
            parser.nextToken();
            if (!coding) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String system = null;
                String code = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    switch (name) {
                        case "system" -> system = parser.getText();
                        case "code" -> code = parser.getText();
                        default -> parser.skipChildren();
                    }
                }
                if (system != null && code != null) {
                    codes.add(system + "|" + code);
                }
            }
        }
    }

    /** Whether one of the extensions is the mark with a value. */
    private static boolean readMark(JsonParser parser, String markUrl) throws IOException {
        boolean marked = false;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            boolean mark = false;
            boolean valued = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("url")) {
                    mark = markUrl.equals(parser.getText());
                } else {
                    valued |= name.startsWith("value");
                    parser.skipChildren();
                }
            }
            marked |= mark && valued;
        }
        return marked;
    }

    /** A Period by its start, else its end. */
    private static Instant readPeriod(JsonParser parser, ZoneId zone) throws IOException {
        Instant start = null;
        Instant end = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "start" -> start = start(parser.getText(), zone);
                case "end" -> end = start(parser.getText(), zone);
                default -> parser.skipChildren();
            }
        }
        return start != null ? start : end;
    }

    /**
     * The first instant a stored time covers (`2026-11-20` from its midnight in the gateway's zone);
     * null for what is not a FHIR time at all, so that one odd stored value cannot fail a recognition.
     */
    private static Instant start(String text, ZoneId zone) {
        return DateRange.parse(text, zone).map(DateRange::low).orElse(null);
    }

    /** The first `reference` among the performers that names an Organization, here or at another gateway. */
    private static String readOrganization(JsonParser parser) throws IOException {
        String found = null;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("reference")) {
                    String reference = parser.getText();
                    if (found == null && (reference.startsWith("Organization/") || reference.contains("/Organization/"))) {
                        found = reference;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return found;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("Stored JSON: expected " + expected + ", found " + actual);
        }
    }
}
