package org.hrgateway.cds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.fhir.FhirFormat;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.operation.OperationErrors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hook call as the workstation sent it (https://cds-hooks.hl7.org/2.0/#http-request), read and
 * checked: every malformed or missing part is a 400 that names it. Parses FHIR: blocking work.
 *
 * @param drafts       the draft orders the service is asked about (for order-select, the selected ones)
 * @param patient      the prefetched Patient, or null
 * @param fhirServer   the workstation's FHIR base, or null
 * @param fhirToken    the access token for it (fhirAuthorization.access_token), or null
 */
record HookCall(CdsServices.Service service, String hookInstance, String patientId, String userId,
                List<ServiceRequest> drafts, Patient patient, String fhirServer, String fhirToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HookCall read(CdsServices.Service service, String body, ResourceCodec codec) {
        JsonNode call = tree(body);
        String hook = text(call, "hook");
        if (!service.hook().equals(hook)) {
            throw OperationErrors.invalid("Service " + service.id() + " answers the hook '" + service.hook()
                    + "', not '" + hook + "'");
        }
        String hookInstance = text(call, "hookInstance");
        JsonNode context = call.path("context");
        if (!context.isObject()) {
            throw OperationErrors.invalid("The hook call has no 'context' object");
        }
        String patientId = text(context, "patientId");
        String userId = context.path("userId").isTextual() ? context.path("userId").asText() : null;
        Bundle bundle = resource(context.path("draftOrders"), "context.draftOrders", Bundle.class, codec);
        List<ServiceRequest> drafts = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof ServiceRequest order) {
                if (!order.getIdElement().hasIdPart()) {
                    throw OperationErrors.invalid("Each draft ServiceRequest in context.draftOrders needs an id:"
                            + " a card's suggestion names the order it removes");
                }
                drafts.add(order);
            }
        }
        if (service.selectionsOnly()) {
            drafts = selected(context.path("selections"), drafts);
        }
        JsonNode prefetched = call.path("prefetch").path(CdsServices.PATIENT);
        Patient patient = prefetched.isMissingNode() || prefetched.isNull() ? null
                : resource(prefetched, "prefetch.patient", Patient.class, codec);
        String fhirServer = call.path("fhirServer").isTextual() ? call.path("fhirServer").asText() : null;
        JsonNode authorization = call.path("fhirAuthorization");
        String fhirToken = authorization.path("access_token").isTextual() ? authorization.path("access_token").asText() : null;
        if (fhirToken != null && fhirServer == null) {
            throw OperationErrors.invalid("fhirAuthorization is given without the fhirServer it is for");
        }
        return new HookCall(service, hookInstance, patientId, userId, List.copyOf(drafts), patient, fhirServer, fhirToken);
    }

    /** order-select: the drafts named in `context.selections` (`ServiceRequest/[id]`). */
    private static List<ServiceRequest> selected(JsonNode selections, List<ServiceRequest> drafts) {
        if (!selections.isArray()) {
            throw OperationErrors.invalid("order-select needs context.selections: the ids of the orders just selected");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode selection : selections) {
            String text = selection.asText("");
            if (!text.startsWith("ServiceRequest/")) {
                continue; // a medication or other order: not this service's concern
            }
            ids.add(text.substring("ServiceRequest/".length()));
        }
        return drafts.stream().filter(order -> ids.contains(order.getIdElement().getIdPart())).toList();
    }

    private static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw OperationErrors.invalid("A hook call has a JSON body");
        }
        try {
            JsonNode call = JSON.readTree(body);
            if (!call.isObject()) {
                throw OperationErrors.invalid("A hook call is a JSON object");
            }
            return call;
        } catch (JsonProcessingException e) {
            throw OperationErrors.invalid("The hook call is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw OperationErrors.invalid("The hook call lacks '" + field + "'");
        }
        return value.asText();
    }

    private static <T extends Resource> T resource(JsonNode node, String where, Class<T> type, ResourceCodec codec) {
        if (!node.isObject()) {
            throw OperationErrors.invalid("The hook call lacks " + where + " (a " + type.getSimpleName() + ")");
        }
        Resource resource;
        try {
            resource = codec.parse(node.toString(), FhirFormat.JSON);
        } catch (RuntimeException e) {
            throw OperationErrors.invalid(where + " is not a FHIR R4 " + type.getSimpleName() + ": " + e.getMessage());
        }
        if (!type.isInstance(resource)) {
            throw OperationErrors.invalid(where + " is a " + resource.fhirType() + ", not a " + type.getSimpleName());
        }
        return type.cast(resource);
    }
}
