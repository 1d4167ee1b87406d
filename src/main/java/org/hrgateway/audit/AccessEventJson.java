package org.hrgateway.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Scopes;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The JSON of a BALP PatientRead / PatientQuery AuditEvent, written directly: on the request path a
 * HAPI model object per event, encoded by HAPI, cost more than the search it recorded (ADR 0014).
 * What it writes is exactly what the HAPI model would hold: `AccessEventJsonTest` builds each event
 * with HAPI as well and compares the two.
 */
final class AccessEventJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** What one event says: who asked, about whom, what was done, with which outcome. */
    record Event(String id, Caller caller, PatientAccessAudit.Access access, String query, String patient,
                 Set<String> data, Instant recorded, String site, String outcome, String institutionSystem) {
    }

    private AccessEventJson() {
    }

    static String write(Event event) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "AuditEvent");
            json.writeStringField("id", event.id());
            json.writeObjectFieldStart("type");
            coding(json, AuditCodes.EVENT_TYPES, "rest", "Restful Operation");
            json.writeEndObject();
            json.writeArrayFieldStart("subtype");
            json.writeStartObject();
            coding(json, AuditCodes.INTERACTIONS, event.access().code, null);
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringField("action", event.access().query ? "E" : "R");
            json.writeStringField("recorded", event.recorded().toString());
            json.writeStringField("outcome", event.outcome());
            agents(json, event);
            json.writeObjectFieldStart("source");
            field(json, "site", event.site());
            json.writeObjectFieldStart("observer");
            json.writeStringField("display", "HR Gateway");
            json.writeEndObject();
            json.writeArrayFieldStart("type");
            json.writeStartObject();
            coding(json, AuditCodes.SOURCE_TYPES, "4", "Application Server");
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            entities(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The user or system that asked (requestor), and the institution it speaks for. */
    private static void agents(JsonGenerator json, Event event) throws IOException {
        Caller caller = event.caller();
        json.writeArrayFieldStart("agent");
        json.writeStartObject();
        if (caller.unchecked()) {
            json.writeStringField("name", "anyone (security is off)");
            json.writeBooleanField("requestor", true);
            json.writeEndObject();
            json.writeEndArray();
            return;
        }
        // A token with user/ scopes speaks for a person, whatever system/ scopes it also carries.
        if (!caller.scopes().has(Scopes.Context.USER) && caller.isSystem()) {
            codeableConcept(json, "type", AuditCodes.DICOM, "110150", "Application");
        } else {
            codeableConcept(json, "type", AuditCodes.SECURITY_ROLES, "humanuser", "human user");
        }
        if (present(caller.fhirUser())) {
            json.writeObjectFieldStart("who");
            field(json, "reference", caller.fhirUser());
            json.writeEndObject();
        } else if (present(caller.issuer()) || present(caller.subject())) {
            json.writeObjectFieldStart("who");
            identifier(json, caller.issuer(), caller.subject());
            json.writeEndObject();
        }
        field(json, "altId", caller.subject());
        field(json, "name", caller.subject());
        json.writeBooleanField("requestor", true);
        json.writeEndObject();
        if (caller.institution() != null) {
            json.writeStartObject();
            codeableConcept(json, "type", AuditCodes.ROLE_CLASSES, "PROV", "healthcare provider");
            json.writeObjectFieldStart("who");
            json.writeStringField("type", "Organization");
            identifier(json, event.institutionSystem(), caller.institution());
            json.writeEndObject();
            json.writeBooleanField("requestor", false);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The patient, then the query (PatientQuery) or each version read (PatientRead), then the request's id. */
    private static void entities(JsonGenerator json, Event event) throws IOException {
        json.writeArrayFieldStart("entity");
        json.writeStartObject();
        reference(json, "what", event.patient());
        role(json, "1", "Person", "1", "Patient");
        json.writeEndObject();
        if (event.access().query) {
            json.writeStartObject();
            role(json, "2", "System Object", AuditCodes.QUERY_ROLE, "Query");
            field(json, "description", event.query());
            json.writeStringField("query",
                    Base64.getEncoder().encodeToString(event.query().getBytes(StandardCharsets.UTF_8)));
            json.writeEndObject();
        } else {
            for (String read : event.data()) {
                json.writeStartObject();
                reference(json, "what", read);
                role(json, "2", "System Object", "4", "Domain Resource");
                json.writeEndObject();
            }
        }
        if (present(event.caller().requestId())) {
            // BALP's transaction entity: the X-Request-Id that links one province call's events across cities.
            json.writeStartObject();
            json.writeObjectFieldStart("what");
            identifier(json, null, event.caller().requestId());
            json.writeEndObject();
            json.writeObjectFieldStart("type");
            coding(json, AuditCodes.BALP_ENTITY_TYPES, AuditCodes.REQUEST_ID, null);
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** An entity's `type` and `role` codings. */
    private static void role(JsonGenerator json, String type, String typeDisplay, String role, String roleDisplay)
            throws IOException {
        json.writeObjectFieldStart("type");
        coding(json, AuditCodes.OBJECT_TYPES, type, typeDisplay);
        json.writeEndObject();
        json.writeObjectFieldStart("role");
        coding(json, AuditCodes.OBJECT_ROLES, role, roleDisplay);
        json.writeEndObject();
    }

    private static void reference(JsonGenerator json, String field, String reference) throws IOException {
        json.writeObjectFieldStart(field);
        field(json, "reference", reference);
        json.writeEndObject();
    }

    /**
     * A string field, left out when there is no value (as HAPI leaves out an empty element). A NUL
     * character becomes U+FFFD: PostgreSQL refuses NUL in text, and the event must be storable.
     */
    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(name, value.replace('\u0000', '\uFFFD'));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static void identifier(JsonGenerator json, String system, String value) throws IOException {
        json.writeObjectFieldStart("identifier");
        field(json, "system", system);
        field(json, "value", value);
        json.writeEndObject();
    }

    /** A CodeableConcept field holding one Coding. */
    private static void codeableConcept(JsonGenerator json, String field, String system, String code, String display)
            throws IOException {
        json.writeObjectFieldStart(field);
        json.writeArrayFieldStart("coding");
        json.writeStartObject();
        coding(json, system, code, display);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The fields of a Coding, inside an object already open. */
    private static void coding(JsonGenerator json, String system, String code, String display) throws IOException {
        json.writeStringField("system", system);
        json.writeStringField("code", code);
        if (display != null) {
            json.writeStringField("display", display);
        }
    }
}
