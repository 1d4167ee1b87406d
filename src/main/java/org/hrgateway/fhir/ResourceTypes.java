package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.config.GatewayConfig;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The resource types this gateway serves (configuration, checked against R4 at start) and id rules. */
@ApplicationScoped
public class ResourceTypes {

    /** FHIR R4 id syntax (datatypes.html#id). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final Set<String> served;

    public ResourceTypes(GatewayConfig config, FhirContext context) {
        Set<String> known = context.getResourceTypes();
        Set<String> types = new LinkedHashSet<>();
        for (String type : config.resourceTypes()) {
            if (!known.contains(type)) {
                throw new IllegalStateException("hr.resource-types names '" + type + "', which is not an R4 resource type");
            }
            types.add(type);
        }
        this.served = Collections.unmodifiableSet(types);
    }

    public Set<String> served() {
        return served;
    }

    public boolean isServed(String type) {
        return served.contains(type);
    }

    /** The type from a URL, or 404 when this server does not serve it. */
    public String require(String type) {
        if (!served.contains(type)) {
            String message = "Unknown or unsupported resource type '" + type + "'";
            throw new ResourceNotFoundException(message, Outcomes.error(IssueType.NOTSUPPORTED, message));
        }
        return type;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String requireValidId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            String message = "Invalid resource id '" + id + "': 1 to 64 of A-Z a-z 0-9 - .";
            throw new InvalidRequestException(message, Outcomes.error(IssueType.VALUE, message));
        }
        return id;
    }
}
