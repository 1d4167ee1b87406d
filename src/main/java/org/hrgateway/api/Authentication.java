package org.hrgateway.api;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.security.Caller;
import org.hrgateway.security.CurrentCaller;
import org.hrgateway.security.TokenVerifier;
import org.hrgateway.security.Unauthenticated;
import org.hrgateway.telemetry.RequestIds;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;


/**
 * Every request but those to an {@link OpenEndpoint} carries a bearer token that verifies
 * ({@link TokenVerifier}); the caller it speaks for is the request's {@link CurrentCaller}. A missing
 * or bad token is 401 with `WWW-Authenticate: Bearer` and an OperationOutcome `login` (api/error).
 * The caller carries the request's id (telemetry/RequestIds).
 */
public class Authentication {

    private static final Logger LOG = Logger.getLogger(Authentication.class);

    private final TokenVerifier verifier;
    private final CurrentCaller current;
    private final BlockingWork blocking;
    private final boolean enabled;

    public Authentication(TokenVerifier verifier, CurrentCaller current, BlockingWork blocking, GatewayConfig config) {
        this.verifier = verifier;
        this.current = current;
        this.blocking = blocking;
        this.enabled = config.security().enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("Security is OFF (hr.security.enabled=false): every request is answered without a token,"
                    + " as if it had every scope. Never run a city's gateway like this.");
        }
    }

    @ServerRequestFilter
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        // Given by telemetry/RequestTelemetry, the one place that reads X-Request-Id, before any route ran.
        String requestId = RequestIds.current().orElse(null);
        if (!enabled) {
            current.set(Caller.UNCHECKED.forRequest(requestId));
            return Uni.createFrom().voidItem();
        }
        if (resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(OpenEndpoint.class)) {
            return Uni.createFrom().voidItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // Keys fetched from a URL may be fetched now: that waits, off the event loop.
        Uni<Caller> verified = verifier.remoteKeys()
                ? blocking.run(() -> verify(authorization))
                : Uni.createFrom().item(() -> verify(authorization));
        return verified.invoke(caller -> current.set(caller.forRequest(requestId))).replaceWithVoid();
    }

    private Caller verify(String authorization) {
        try {
            return verifier.verify(authorization);
        } catch (TokenVerifier.Rejected rejected) {
            throw new Unauthenticated(rejected.getMessage(), authorization != null && !authorization.isBlank());
        }
    }
}
