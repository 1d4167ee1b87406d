package org.hrgateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.config.GatewayConfig;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;

/**
 * Checks the shape of a body before HAPI builds a model from it: well-formed, not nested too deep,
 * not too many values, and for XML no DOCTYPE (which is how external-entity and entity-expansion
 * attacks arrive). One cheap streaming pass, so a hostile body costs little.
 */
@ApplicationScoped
public class PayloadInspector {

    /** Digits and decimal exponent of a number: far beyond any measured value, far below a costly one. */
    private static final int MAX_NUMBER_DIGITS = 64;
    private static final String FHIR_NAMESPACE = "http://hl7.org/fhir";
    /** The largest decimal exponent of a number, in a body or a search (search/query/NumberConditions). */
    public static final int MAX_EXPONENT = 400;

    private final int maxBodyBytes;
    private final int maxDepth;
    private final int maxElements;
    private final JsonFactory jsonFactory;
    private final XMLInputFactory xmlFactory;

    @Inject
    public PayloadInspector(GatewayConfig config) {
        this(config.limits().maxBodyBytes(), config.limits().maxDepth(), config.limits().maxElements());
    }

    PayloadInspector(int maxBodyBytes, int maxDepth, int maxElements) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.jsonFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                // FHIR JSON names each element once (json.html); HAPI would keep the last silently.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.xmlFactory = XMLInputFactory.newFactory();
        xmlFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xmlFactory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    public void inspect(String body, FhirFormat format) {
        if (body == null || body.isBlank()) {
            throw structure("The request body is empty");
        }
        // Characters never outnumber UTF-8 bytes, so the exact count is needed only near the limit.
        if (body.length() * 3L > maxBodyBytes && utf8Length(body) > maxBodyBytes) {
            throw HttpStatusException.payloadTooLarge("The body is larger than " + maxBodyBytes + " bytes");
        }
        if (format == FhirFormat.JSON) {
            inspectJson(body);
        } else {
            inspectXml(body);
        }
    }

    private void inspectJson(String body) {
        int depth = 0;
        int values = 0;
        // What each open array or object holds so far, to refuse an empty one and a null outside arrays.
        boolean[] empty = new boolean[maxDepth + 2];
        boolean[] isArray = new boolean[maxDepth + 2];
        try (JsonParser parser = jsonFactory.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw structure("A FHIR JSON body must be a JSON object");
            }
            for (; token != null; token = parser.nextToken()) {
                if (depth > 0 && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    empty[depth] = false;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    checkDepth(depth);
                    empty[depth] = true;
                    isArray[depth] = token == JsonToken.START_ARRAY;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    if (empty[depth]) {
                        throw structure("An empty " + (isArray[depth] ? "array" : "object") + " at " + where(parser)
                                + ": FHIR JSON has no empty arrays or objects; leave the element out");
                    }
                    depth--;
                } else if (token == JsonToken.VALUE_NULL && !isArray[depth]) {
                    throw structure("A null at " + where(parser) + ": FHIR JSON uses null only inside arrays of"
                            + " primitives; leave the element out");
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    checkNumber(parser);
                }
                if (token != JsonToken.FIELD_NAME && ++values > maxElements) {
                    throw tooManyElements();
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    checkCharacters(parser);
                }
            }
        } catch (JsonProcessingException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                throw tooDeep();
            }
            throw structure("Malformed JSON: " + e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            throw structure("Unreadable JSON body: " + e.getMessage());
        }
    }

    /**
     * A FHIR decimal or integer is a number a laboratory could write: `1e1000000` is valid JSON, but
     * turning it into digits kept a thread busy for 23 s. The exponent and the digits are bounded
     * from the text, before any conversion.
     */
    private static void checkNumber(JsonParser parser) throws IOException {
        String text = parser.getText();
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        long exponent = 0;
        if (e >= 0) {
            String written = text.substring(e + 1);
            exponent = written.length() > 6 ? Long.MAX_VALUE : Math.abs(Long.parseLong(written));
        }
        int digits = (e >= 0 ? e : text.length());
        if (exponent > MAX_EXPONENT || digits > MAX_NUMBER_DIGITS) {
            throw structure("The number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + " at "
                    + where(parser) + " is out of range: at most " + MAX_NUMBER_DIGITS + " digits and an exponent of "
                    + MAX_EXPONENT);
        }
    }

    private static String where(JsonParser parser) {
        return "line " + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr();
    }

    /**
     * FHIR strings hold no control characters but tab, CR and LF (datatypes.html#string). JSON can
     * still carry them as `\\u0000`-style escapes, and PostgreSQL refuses a NUL in text: refused
     * here, before anything is written.
     */
    private static void checkCharacters(JsonParser parser) throws IOException {
        char[] text = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        for (int i = parser.getTextOffset(); i < end; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                i++; // a pair: one character beyond U+FFFF
                continue;
            }
            if (Character.isSurrogate(c)) {
                // `\ud800` alone is valid JSON but no character; stored, it came back as '?'.
                throw structure(String.format("A string holds a lone surrogate U+%04X, which is not a character"
                        + " (line %d)", (int) c, parser.currentTokenLocation().getLineNr()));
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw structure(String.format("A string holds the control character U+%04X, which FHIR strings may not"
                        + " contain (line %d)", (int) c, parser.currentTokenLocation().getLineNr()));
            }
        }
    }

    private void inspectXml(String body) {
        int depth = 0;
        int elements = 0;
        XMLStreamReader reader = null;
        try {
            reader = xmlFactory.createXMLStreamReader(new StringReader(body));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw structure("XML with a DOCTYPE is refused (no DTDs or external entities)");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw structure("XML entity references are refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 0 && !FHIR_NAMESPACE.equals(reader.getNamespaceURI())) {
                        throw structure("The root element <" + reader.getLocalName() + "> is not in the FHIR namespace;"
                                + " write xmlns=\"" + FHIR_NAMESPACE + "\"");
                    }
                    depth++;
                    checkDepth(depth);
                    if (++elements > maxElements) {
                        throw tooManyElements();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw structure("Malformed XML: " + e.getMessage());
        } finally {
            closeQuietly(reader);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw tooDeep();
        }
    }

    private InvalidRequestException tooDeep() {
        return new InvalidRequestException("The body is nested deeper than " + maxDepth + " levels",
                Outcomes.error(IssueType.TOOCOSTLY, "The body is nested deeper than " + maxDepth + " levels"));
    }

    private HttpStatusException tooManyElements() {
        return HttpStatusException.payloadTooLarge("The body has more than " + maxElements + " elements");
    }

    private static InvalidRequestException structure(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.STRUCTURE, message));
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing was opened that outlives the reader
        }
    }
}
