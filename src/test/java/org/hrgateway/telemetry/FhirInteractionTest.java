package org.hrgateway.telemetry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests named by FHIR's RESTful grammar, never by their URL; unknown types and paths stay `unknown`. */
class FhirInteractionTest {

    private static final Set<String> SERVED = Set.of("Patient", "Observation", "DiagnosticReport");

    @ParameterizedTest(name = "{0} /fhir/{1} -> {2} {3} {4} {5}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "GET;metadata;capabilities;'';'';city",
            "GET;.well-known/smart-configuration;capabilities;'';'';city",
            "POST;'';transaction;'';'';city",
            "GET;'';search-system;'';'';city",
            "GET;_history;history-system;'';'';city",
            "POST;$recognize;operation;'';unknown;city",
            "GET;Observation;search-type;Observation;'';city",
            "HEAD;Observation;search-type;Observation;'';city",
            "POST;Observation/_search;search-type;Observation;'';city",
            "POST;Observation;create;Observation;'';city",
            "PUT;Observation;update;Observation;'';city",
            "DELETE;Observation;delete;Observation;'';city",
            "GET;Observation/_history;history-type;Observation;'';city",
            "POST;Observation/$validate;operation;Observation;unknown;city",
            "GET;Patient/1;read;Patient;'';city",
            "PUT;Patient/1;update;Patient;'';city",
            "DELETE;Patient/1;delete;Patient;'';city",
            "GET;Patient/1/_history;history-instance;Patient;'';city",
            "GET;Patient/1/_history/2;vread;Patient;'';city",
            "POST;Patient/1/$recognize;operation;Patient;unknown;city",
            "POST;Patient/1/%24recognize;operation;Patient;unknown;city",
            "GET;Foo/1;read;unknown;'';city",
            "GET;Patient/1/a/b/c;unknown;Patient;'';city",
            "POST;Patient/1;unknown;Patient;'';city",
            "GET;province/Observation;search-type;Observation;'';province",
            "GET;province/metadata;capabilities;'';'';province",
            "GET;province/Observation/abc;read;Observation;'';province",
            "OPTIONS;Patient;options;'';'';city",
            "GET;cds-services;cds-discovery;'';'';city",
            "POST;cds-services/hr-recognition-order-sign;cds-hook;'';'';city",
            "POST;cds-services/hr-recognition-order-sign/feedback;cds-feedback;'';'';city",
            "POST;cds-services/a/b/c;unknown;'';'';city",
    })
    void givenARequest_whenClassified_thenItIsNamedByItsInteraction(String method, String path, String interaction,
                                                                       String type, String operation, String base) {
        String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        assertEquals(new FhirInteraction(interaction, type, operation, base),
                FhirInteraction.classify(method, segments, SERVED));
    }
}
