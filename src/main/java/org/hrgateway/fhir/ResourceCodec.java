package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

import java.util.HashSet;
import java.util.Set;

/** Turns request bodies into HAPI resources and resources into the representation a client asked for. */
@ApplicationScoped
public class ResourceCodec {

    private static final String SUBSETTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private final FhirContext context;
    private final PayloadInspector inspector;
    private final JsonShape shape;

    public ResourceCodec(FhirContext context, PayloadInspector inspector) {
        this.context = context;
        this.inspector = inspector;
        this.shape = new JsonShape(context);
    }

    /** Parses a request body declared with the given Content-Type; every failure is a 4xx. */
    public Resource parse(String body, String contentType) {
        FhirFormat format = FhirFormat.ofMediaType(contentType).orElseThrow(() ->
                HttpStatusException.unsupportedMediaType("Unsupported Content-Type '" + contentType
                        + "'; send application/fhir+json or application/fhir+xml"));
        return parse(body, format);
    }

    public Resource parse(String body, FhirFormat format) {
        inspector.inspect(body, format);
        if (format == FhirFormat.JSON) {
            shape.check(body);
        }
        Resource resource;
        try {
            resource = (Resource) format.newParser(context).parseResource(body);
        } catch (RuntimeException e) {
            // HAPI's parser fails with many exception types (a narrative that is not XHTML is a bare
            // RuntimeException); whatever it cannot read is the client's body, not a server fault.
            String message = "The body is not a valid FHIR R4 resource: " + e.getMessage();
            throw new InvalidRequestException(message, Outcomes.error(IssueType.STRUCTURE, message));
        }
        TimeValues.check(resource, context);
        return resource;
    }

    /** Parses text this server stored itself, which is always compact JSON. */
    public Resource parseStored(String json) {
        return (Resource) context.newJsonParser().parseResource(json);
    }

    /** Compact JSON, the storage form. */
    public String encodeForStorage(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    /** Stored JSON in the client's representation, re-encoding only when it asked for something else. */
    public String render(String storedJson, ResponseFormat format) {
        if (format.isVerbatimJson()) {
            return storedJson;
        }
        return encode(parseStored(storedJson), format);
    }

    public String encode(IBaseResource resource, ResponseFormat format) {
        IParser parser = format.format().newParser(context).setPrettyPrint(format.pretty());
        boolean isBundle = resource instanceof Bundle;
        if (format.subsets()) {
            if (!isBundle) {
                markSubsetted((Resource) resource);
            }
            applySubsetting(parser, format, isBundle);
        }
        return parser.encodeResourceToString(resource);
    }

    private static void applySubsetting(IParser parser, ResponseFormat format, boolean isBundle) {
        SummaryEnum summary = format.summary();
        if (summary == SummaryEnum.TRUE) {
            parser.setSummaryMode(true);
        } else if (summary == SummaryEnum.DATA) {
            parser.setSuppressNarratives(true);
        } else if (summary == SummaryEnum.TEXT) {
            // search.html#summary: text, id, meta "and only top-level mandatory elements".
            parser.setEncodeElements(Set.of("*.text", "*.id", "*.meta", "*.(mandatory)"));
        }
        if (!format.elements().isEmpty()) {
            Set<String> paths = new HashSet<>();
            for (String element : format.elements()) {
                paths.add("*." + element);
            }
            paths.add("*.id");
            paths.add("*.meta");
            parser.setEncodeElements(paths);
        }
        // In a Bundle, subsetting is for the entries' resources, never for the Bundle's own parts.
        parser.setEncodeElementsAppliesToChildResourcesOnly(isBundle);
    }

    private static void markSubsetted(Resource resource) {
        if (resource.getMeta().getTag(SUBSETTED_SYSTEM, "SUBSETTED") == null) {
            resource.getMeta().addTag(SUBSETTED_SYSTEM, "SUBSETTED", "Resource encoded in summary mode");
        }
    }
}
