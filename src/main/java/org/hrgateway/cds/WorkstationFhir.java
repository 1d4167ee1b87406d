package org.hrgateway.cds;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.FhirFormat;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reads what a hook call did not prefetch from the workstation's own FHIR server (`fhirServer`), with
 * the token the workstation gave for it (`fhirAuthorization`), as CDS Hooks has a service do. What
 * cannot be read is a 412: the call lacked what the service needs.
 */
@ApplicationScoped
public class WorkstationFhir {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final WebClient client;
    private final ResourceCodec codec;
    private final BlockingWork blocking;

    public WorkstationFhir(Vertx vertx, ResourceCodec codec, BlockingWork blocking) {
        this.codec = codec;
        this.blocking = blocking;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("hr-gateway-cds")
                .setConnectTimeout((int) TIMEOUT.toMillis()).setFollowRedirects(false));
    }

    void stop(@Observes ShutdownEvent event) {
        client.close();
    }

    /** `[fhirServer]/Patient/[patientId]`. */
    Uni<Patient> patient(String fhirServer, String token, String patientId) {
        if (!ID.matcher(patientId).matches()) {
            return Uni.createFrom().failure(unavailable("context.patientId '" + patientId + "' is not a FHIR id"));
        }
        String url = fhirServer.replaceAll("/+$", "") + "/Patient/" + patientId;
        var request = client.getAbs(url).putHeader(HttpHeaders.ACCEPT.toString(), "application/fhir+json")
                .timeout(TIMEOUT.toMillis());
        if (token != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + token);
        }
        return request.send()
                .onFailure().transform(failure -> unavailable("the patient could not be read from " + url + ": "
                        + failure.getMessage()))
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(unavailable("reading the patient from " + url + " answered "
                                + response.statusCode()));
                    }
                    String body = response.bodyAsString();
                    return blocking.run(() -> {
                        Resource resource;
                        try {
                            resource = codec.parse(body, FhirFormat.JSON);
                        } catch (RuntimeException e) {
                            throw unavailable(url + " did not answer a FHIR R4 Patient: " + e.getMessage());
                        }
                        if (!(resource instanceof Patient patient)) {
                            throw unavailable(url + " answered a " + resource.fhirType() + ", not a Patient");
                        }
                        return patient;
                    });
                });
    }

    private static PreconditionFailedException unavailable(String why) {
        String message = "The patient was not prefetched and " + why;
        return new PreconditionFailedException(message, Outcomes.error(IssueType.INCOMPLETE, message));
    }
}
