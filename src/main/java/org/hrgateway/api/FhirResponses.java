package org.hrgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResponseFormat;
import org.hrgateway.interaction.WriteOutcome;
import org.hrgateway.store.StoredResource;
import org.hrgateway.telemetry.RequestIds;

import java.net.URI;
import java.util.Date;

/** Builds HTTP responses from interaction results: body in the negotiated format and FHIR headers. */
@ApplicationScoped
public class FhirResponses {

    private final ResourceCodec codec;

    public FhirResponses(ResourceCodec codec) {
        this.codec = codec;
    }

    /** A read or vread: the stored text, with ETag and Last-Modified (http.html#read). */
    public Response stored(StoredResource stored, ResponseFormat format) {
        return versionHeaders(Response.ok(codec.render(stored.json(), format)), stored)
                .type(format.format().contentType())
                .build();
    }

    /** A create, update or delete answered as Prefer asks, with Location for what was created. */
    public Response written(WriteOutcome outcome, FhirRequest request) {
        StoredResource stored = outcome.stored();
        Response.ResponseBuilder response = versionHeaders(Response.status(outcome.status()), stored);
        if (!stored.deleted()) {
            // Location on a create (http.html#create); clients such as HAPI's read the new version
            // of an update from Content-Location.
            URI versioned = URI.create(request.baseUrl() + "/" + stored.versionedUrl());
            response.header(HttpHeaders.CONTENT_LOCATION, versioned);
            if (outcome.status() == 201) {
                response.location(versioned);
            }
        }
        ResponseFormat format = request.format();
        if (stored.deleted()) {
            return response.entity(codec.encode(RequestIds.stamp(Outcomes.information(outcome.message())), format))
                    .type(format.format().contentType()).build();
        }
        return switch (request.prefer().returnsOrRepresentation()) {
            case MINIMAL -> response.build();
            case OPERATION_OUTCOME -> response.entity(codec.encode(RequestIds.stamp(outcome.toOutcome()), format))
                    .type(format.format().contentType()).build();
            case REPRESENTATION -> response.entity(codec.render(stored.json(), format))
                    .type(format.format().contentType()).build();
        };
    }

    public Response resource(int status, Resource resource, ResponseFormat format) {
        return Response.status(status)
                .entity(codec.encode(RequestIds.stamp(resource), format))
                .type(format.format().contentType())
                .build();
    }

    private static Response.ResponseBuilder versionHeaders(Response.ResponseBuilder response, StoredResource stored) {
        return response.header(HttpHeaders.ETAG, stored.etag())
                .lastModified(Date.from(stored.lastUpdated()));
    }
}
