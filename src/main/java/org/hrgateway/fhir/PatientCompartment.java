package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whose data a resource is: the Patients whose compartment it belongs to (compartmentdefinition-
 * patient), as `Patient/id`, read from the stored JSON. The elements that make a resource a member
 * are R4's, as HAPI's search parameter definitions declare them (Observation: `subject`, `performer`;
 * DetectedIssue: `patient`; a Patient is in its own). A stored resource is read with a streaming
 * parser that descends only into those elements: the audit trail asks this of every resource a read
 * or search returns, and a full parse would cost more than the read (bench/RESULTS.md).
 */
@ApplicationScoped
public class PatientCompartment {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PATIENT = "Patient/";

    /** Type → the element paths (`performer`, `link.other`) whose references name a member's Patient. */
    private final Map<String, List<String[]>> paths = new HashMap<>();
    /** Type → the search parameter that narrows a search to one Patient's compartment. */
    private final Map<String, String> narrowing = new HashMap<>();

    @Inject
    public PatientCompartment(FhirContext context, ResourceTypes types) {
        this(context, types.served());
    }

    PatientCompartment(FhirContext context, Set<String> served) {
        for (String type : served) {
            RuntimeResourceDefinition definition = context.getResourceDefinition(type);
            List<String[]> ofType = new ArrayList<>();
            List<String> params = new ArrayList<>();
            for (RuntimeSearchParam param : definition.getSearchParams()) {
                Set<String> compartments = param.getProvidesMembershipInCompartments();
                if (compartments != null && compartments.contains("Patient")) {
                    params.add(param.getName());
                    for (String path : param.getPath().split("\\|")) {
                        ofType.add(elements(type, path.trim()));
                    }
                }
            }
            // The element that says whose record it is: `patient` or `subject` over `performer` and the like.
            params.stream().filter(name -> name.equals("patient")).findFirst()
                    .or(() -> params.stream().filter(name -> name.equals("subject")).findFirst())
                    .or(() -> params.stream().findFirst())
                    .ifPresent(name -> narrowing.put(type, name));
            if (type.equals("Patient")) {
                narrowing.put(type, "_id");
            }
            if (!ofType.isEmpty() || type.equals("Patient")) {
                paths.put(type, List.copyOf(ofType));
            }
        }
    }

    /** `Observation.subject.where(resolve() is Patient)` → [subject]. */
    static String[] elements(String type, String path) {
        String plain = path.replace(".where(resolve() is Patient)", "");
        if (!plain.startsWith(type + ".") || plain.contains("(")) {
            throw new IllegalStateException("A Patient compartment path this reader cannot follow: " + path);
        }
        return plain.substring(type.length() + 1).split("\\.");
    }

    /**
     * The search criterion (name, value) that keeps a search of `type` within Patient `patientId`'s
     * compartment, or none when `type` has no members. It may narrow more than the compartment does
     * (an Observation by its subject, not by a Patient performer): never less.
     */
    public java.util.Optional<String[]> narrowing(String type, String patientId) {
        String param = narrowing.get(type);
        return param == null ? java.util.Optional.empty()
                : java.util.Optional.of(new String[]{param, param.equals("_id") ? patientId : PATIENT + patientId});
    }

    /** Whether resources of `type` can belong to a Patient's compartment at all. */
    public boolean hasMembers(String type) {
        return paths.containsKey(type);
    }

    /**
     * The Patients `json` (a stored `type`) belongs to, as `Patient/id`; a reference to a Patient on
     * another server is kept absolute. `baseUrl` makes this server's absolute references relative.
     */
    public Set<String> patients(String type, String id, String json, String baseUrl) {
        List<String[]> members = paths.get(type);
        Set<String> patients = new LinkedHashSet<>();
        if (members == null || json == null) {
            return patients;
        }
        if (type.equals("Patient")) {
            patients.add(PATIENT + id);
        }
        if (members.isEmpty()) {
            return patients;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                object(parser, members, 0, patients, baseUrl);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Stored " + type + "/" + id + " is not JSON", e);
        }
        return patients;
    }

    /** As above, for a resource already parsed (history pages), by HAPI's own compartment reader. */
    public Set<String> patients(IBaseResource resource, FhirContext context, String baseUrl) {
        Set<String> patients = new LinkedHashSet<>();
        String type = context.getResourceType(resource);
        if (!paths.containsKey(type)) {
            return patients;
        }
        if (type.equals("Patient")) {
            patients.add(PATIENT + resource.getIdElement().getIdPart());
        }
        context.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.<String>of())
                .forEach(owner -> add(owner.getValue(), patients, baseUrl));
        return patients;
    }

    /** Inside an object at `depth` of the member paths: follow matching fields, skip the rest. */
    private static void object(JsonParser parser, List<String[]> members, int depth, Set<String> out, String baseUrl)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            List<String[]> deeper = new ArrayList<>(2);
            for (String[] path : members) {
                if (path.length > depth && path[depth].equals(field)) {
                    deeper.add(path);
                }
            }
            if (depth > 0 && field.equals("reference") && value == JsonToken.VALUE_STRING && members.stream()
                    .anyMatch(path -> path.length == depth)) {
                add(parser.getText(), out, baseUrl);
            } else if (deeper.isEmpty()) {
                parser.skipChildren();
            } else {
                value(parser, value, deeper, depth + 1, out, baseUrl);
            }
        }
    }

    /** A value of a followed field: an object, or an array of them (a repeating element). */
    private static void value(JsonParser parser, JsonToken token, List<String[]> members, int depth,
                              Set<String> out, String baseUrl) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            JsonToken item;
            while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                value(parser, item, members, depth, out, baseUrl);
            }
        } else if (token == JsonToken.START_OBJECT) {
            object(parser, members, depth, out, baseUrl);
        } else {
            parser.skipChildren();
        }
    }

    /**
     * A Patient reference read as the search index reads it (search/index ReferenceExtractor): the
     * last `Type/id` of it, local unless absolute on another server, so that whose data a resource is
     * agrees with what `subject=Patient/1` finds.
     */
    private static void add(String reference, Set<String> out, String baseUrl) {
        if (reference == null || reference.isBlank() || reference.startsWith("#") || reference.startsWith("urn:")
                || reference.indexOf('?') >= 0) {
            return;
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || id.getIdPart() == null) {
            return;
        }
        boolean local = !id.isAbsolute() || (baseUrl != null && reference.startsWith(baseUrl + "/"));
        out.add(local ? PATIENT + id.getIdPart() : id.toVersionless().getValue());
    }
}
