package org.hrgateway.cds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The CDS Hooks services the gateway offers (https://cds-hooks.hl7.org/2.0/): one for `order-select`,
 * one for `order-sign`, both asking whether a draft order's item has a result that may be recognized
 * instead. Both prefetch the patient, whose resident id is how the gateway and the province know them.
 */
@ApplicationScoped
public class CdsServices {

    /** The prefetch key of the patient, and its template. */
    public static final String PATIENT = "patient";
    static final String PATIENT_TEMPLATE = "Patient/{{context.patientId}}";

    /** A service: its id (the last segment of its URL), the hook it answers, and what discovery says of it. */
    public record Service(String id, String hook, String title, String description) {

        /** order-select asks about the orders just selected; order-sign about every draft order. */
        boolean selectionsOnly() {
            return hook.equals("order-select");
        }
    }

    private static final List<Service> SERVICES = List.of(
            new Service("hr-recognition-order-select", "order-select", "Recognizable test results (order select)",
                    "While a clinician selects orders: a card for each selected laboratory order whose item the patient"
                            + " has a result for that may be recognized instead of re-testing (mutual recognition)."),
            new Service("hr-recognition-order-sign", "order-sign", "Recognizable test results (order sign)",
                    "Before orders are signed: a card for each draft laboratory order whose item the patient has a"
                            + " result for that may be recognized instead of re-testing (mutual recognition)."));

    private final ObjectMapper json = new ObjectMapper();

    public Optional<Service> find(String id) {
        return SERVICES.stream().filter(service -> service.id().equals(id)).findFirst();
    }

    /** The discovery document: `{"services": [...]}`. */
    public ObjectNode discovery() {
        ObjectNode document = json.createObjectNode();
        ArrayNode services = document.putArray("services");
        for (Service service : SERVICES) {
            ObjectNode entry = services.addObject()
                    .put("hook", service.hook())
                    .put("id", service.id())
                    .put("title", service.title())
                    .put("description", service.description())
                    .put("usageRequirements", "Send a bearer token of the gateway's identity provider with read access"
                            + " to Observation and DiagnosticReport; for feedback that declines a card, create access to"
                            + " DetectedIssue. Without the patient prefetched, give fhirServer and fhirAuthorization.");
            entry.putObject("prefetch").put(PATIENT, PATIENT_TEMPLATE);
        }
        return document;
    }
}
