package org.hrgateway.validation.compiled;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.validation.ProfileValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

/**
 * In-process cost of validating one conformant Observation, compiled rules against HAPI's
 * validator, warm, one thread. A benchmark, not a test: it prints and asserts nothing, and runs
 * only when asked: `./mvnw test -Dtest=CompiledValidatorBenchmark -Dbench.validator=true`.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.validator", matches = "true")
class CompiledValidatorBenchmark {

    private static final int ROUNDS = 5;

    @Inject
    CompiledValidator compiled;

    @Inject
    ProfileValidator hapi;

    @Inject
    ProfilePackage profiles;

    @Test
    void compiledAgainstHapi() {
        List<Coding> items = profiles.codeSystem("http://hr-gateway.org/fhir/CodeSystem/mr-lab-items").orElseThrow()
                .getConcept().stream().map(c -> new Coding("http://loinc.org", c.getCode(), c.getDisplay())).toList();
        // Conformant Observations only: the write path's common case.
        List<Observation> observations = new ConformanceCorpus(1L, items).cases(4000).stream()
                .filter(c -> c.resource() instanceof Observation && !c.label().contains("+"))
                .map(c -> (Observation) c.resource())
                .toList();
        List<String> profile = List.of("http://hr-gateway.org/fhir/StructureDefinition/mr-observation");
        for (int round = 1; round <= ROUNDS; round++) {
            long started = System.nanoTime();
            int repeat = 20;
            for (int i = 0; i < repeat; i++) {
                observations.forEach(o -> compiled.validate(o, profile));
            }
            double compiledMicros = (System.nanoTime() - started) / 1e3 / (repeat * observations.size());
            started = System.nanoTime();
            int hapiCount = Math.min(observations.size(), 100);
            observations.subList(0, hapiCount).forEach(o -> hapi.validate(o, profile));
            double hapiMicros = (System.nanoTime() - started) / 1e3 / hapiCount;
            System.out.printf("round %d: compiled %.1f µs, HAPI %.0f µs per Observation (%d distinct Observations)%n",
                    round, compiledMicros, hapiMicros, observations.size());
        }
    }
}
