package org.hrgateway.search.query;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A page boundary for keyset paging: the sort values and pk of the last (or, going back, the first)
 * row of a page. Paging by position would skip or repeat results while resources are written; a
 * keyset boundary does not. Opaque to clients: base64url of a small JSON array of typed values.
 */
public record Cursor(boolean backwards, List<Object> sortValues, long pk) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String encode() {
        List<String> values = new ArrayList<>();
        values.add(backwards ? "p" : "n");
        values.add(Long.toString(pk));
        for (Object value : sortValues) {
            values.add(typed(value));
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Cursor decode(String token) {
        try {
            String[] values = JSON.readValue(Base64.getUrlDecoder().decode(token), String[].class);
            List<Object> sortValues = new ArrayList<>();
            for (int i = 2; i < values.length; i++) {
                sortValues.add(untyped(values[i]));
            }
            return new Cursor(values[0].equals("p"), sortValues, Long.parseLong(values[1]));
        } catch (Exception e) {
            String message = "Invalid _cursor; follow the Bundle's next or previous link";
            throw new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
        }
    }

    private static String typed(Object value) {
        if (value == null) {
            return "0";
        }
        if (value instanceof OffsetDateTime time) {
            return "t" + time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return "t" + instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof BigDecimal number) {
            return "d" + number.toPlainString();
        }
        return "s" + value;
    }

    private static Object untyped(String value) {
        return switch (value.charAt(0)) {
            case '0' -> null;
            case 't' -> OffsetDateTime.parse(value.substring(1));
            case 'd' -> new BigDecimal(value.substring(1));
            default -> value.substring(1);
        };
    }

    public Cursor(boolean backwards, List<Object> sortValues, long pk) {
        this.backwards = backwards;
        this.sortValues = java.util.Collections.unmodifiableList(new ArrayList<>(sortValues));
        this.pk = pk;
    }
}
