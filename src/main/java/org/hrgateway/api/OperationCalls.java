package org.hrgateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.operation.Operations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns an HTTP call of `[base]/$name`, `[type]/$name` or `[type]/[id]/$name` into an operation's input, and its result into a response. */
@ApplicationScoped
public class OperationCalls {

    /** The path segment of an operation: `$name`, its `$` also percent-encoded. */
    static final String PATH = "/{operation: (\\$|%24)[A-Za-z][A-Za-z-]*}";

    private final Operations operations;
    private final ResourceTypes types;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final FhirResponses responses;

    public OperationCalls(Operations operations, ResourceTypes types, ResourceCodec codec, BlockingWork blocking,
                          FhirResponses responses) {
        this.operations = operations;
        this.types = types;
        this.codec = codec;
        this.blocking = blocking;
        this.responses = responses;
    }

    /** `body` null or blank: the parameters are in the URL only. */
    public Uni<Response> call(String type, String id, String operation, String body, String contentType,
                              UriInfo uri, FhirRequest request) {
        // type null: a system-level operation (`[base]/$name`).
        String resourceType = type == null ? null : types.require(type);
        Map<String, List<String>> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.startsWith("_")) {
                query.put(name, values);
            }
        });
        Uni<OperationInput> input = body == null || body.isBlank()
                ? Uni.createFrom().item(new OperationInput(resourceType, id, query, null, request.baseUrl()))
                : blocking.run(() -> new OperationInput(resourceType, id, query, codec.parse(body, contentType),
                        request.baseUrl()));
        return input.chain(in -> operations.invoke(operation, in))
                .map(result -> responses.resource(200, result, request.format()));
    }
}
