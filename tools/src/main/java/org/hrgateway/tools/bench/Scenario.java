package org.hrgateway.tools.bench;

import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * One kind of clinician request, aimed at a random target each time it is asked for one.
 *
 * @param name      as printed in results, e.g. {@code patient-code-date}
 * @param nextProbe draws a target and builds the request; throws {@link IllegalStateException} when
 *                  there is nothing to aim at
 */
record Scenario(String name, Function<Random, Probe> nextProbe) {

    /**
     * One request, relative to the FHIR base, and how to tell that the server answered it correctly;
     * a GET, or a POST of {@code body} when there is one.
     */
    record Probe(String path, String body, Function<FhirHttp.Response, Optional<String>> check) {

        Probe(String path, Function<FhirHttp.Response, Optional<String>> check) {
            this(path, null, check);
        }

        String method() {
            return body == null ? "GET" : "POST";
        }
    }

    Probe next(Random random) {
        return nextProbe.apply(random);
    }
}
