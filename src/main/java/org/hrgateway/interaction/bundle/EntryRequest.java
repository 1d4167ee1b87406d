package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.security.Permission;
import org.hrgateway.fhir.ResourceTypes;

/**
 * One entry of a transaction or batch Bundle, its request URL taken apart:
 * `Type`, `Type/id`, `Type/id/_history/v` or `Type?search` (http.html#transaction).
 */
public record EntryRequest(int index, HTTPVerb method, String type, String id, String versionId, String query,
                           String fullUrl, Resource resource, String ifNoneExist, String ifMatch) {

    public boolean isConditional() {
        return query != null;
    }

    /** What the entry does to its type, as a scope grants it. */
    public Permission permission() {
        return switch (method) {
            case POST -> Permission.CREATE;
            case PUT -> Permission.UPDATE;
            case DELETE -> Permission.DELETE;
            default -> Permission.READ;
        };
    }

    public String label() {
        return "Bundle.entry[" + index + "] (" + method + " " + type + (id == null ? "" : "/" + id)
                + (query == null ? "" : "?" + query) + ")";
    }

    public static EntryRequest parse(int index, BundleEntryComponent entry, ResourceTypes types, String baseUrl) {
        if (!entry.hasRequest() || !entry.getRequest().hasMethod() || !entry.getRequest().hasUrl()) {
            throw invalid(index, "needs request.method and request.url");
        }
        HTTPVerb method = entry.getRequest().getMethod();
        String url = entry.getRequest().getUrl();
        if (url.startsWith(baseUrl + "/")) {
            url = url.substring(baseUrl.length() + 1);
        }
        String query = null;
        int question = url.indexOf('?');
        if (question >= 0) {
            query = url.substring(question + 1);
            url = url.substring(0, question);
        }
        String[] parts = url.split("/");
        String type = parts[0];
        if (!types.isServed(type)) {
            throw invalid(index, "names '" + type + "', which is not a resource type this server serves");
        }
        String id = parts.length > 1 ? ResourceTypes.requireValidId(parts[1]) : null;
        String versionId = parts.length > 3 && parts[2].equals("_history") ? parts[3] : null;
        Resource resource = entry.hasResource() ? entry.getResource() : null;
        EntryRequest request = new EntryRequest(index, method, type, id, versionId, query,
                entry.hasFullUrl() ? entry.getFullUrl() : null, resource,
                entry.getRequest().getIfNoneExist(), entry.getRequest().getIfMatch());
        request.checkShape();
        return request;
    }

    private void checkShape() {
        switch (method) {
            case POST -> {
                requireResource();
                if (id != null || query != null) {
                    throw invalid(index, "a POST url is the resource type alone, e.g. 'Patient'");
                }
            }
            case PUT -> {
                requireResource();
                if (id == null && query == null) {
                    throw invalid(index, "a PUT url is 'Type/id' or 'Type?search'");
                }
            }
            case DELETE -> {
                if (id == null && query == null) {
                    throw invalid(index, "a DELETE url is 'Type/id' or 'Type?search'");
                }
            }
            case GET -> {
                if (id == null) {
                    throw invalid(index, "search entries are not supported yet; GET 'Type/id' or 'Type/id/_history/v'");
                }
            }
            default -> throw invalid(index, "method " + method + " is not supported in a Bundle");
        }
    }

    private void requireResource() {
        if (resource == null) {
            throw invalid(index, method + " needs a resource");
        }
        if (!resource.fhirType().equals(type)) {
            throw invalid(index, "holds a " + resource.fhirType() + " but its url names " + type);
        }
    }

    static InvalidRequestException invalid(int index, String problem) {
        String message = "Bundle.entry[" + index + "] " + problem;
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
