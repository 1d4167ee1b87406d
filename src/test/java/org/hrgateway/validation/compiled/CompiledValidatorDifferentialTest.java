package org.hrgateway.validation.compiled;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.validation.ProfileValidator;
import org.hrgateway.validation.ProfileValidator.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled validator must reach HAPI's verdict (accept or reject) on every resource of a
 * generated corpus, judge them itself (no fallback to HAPI), and name the broken rule and its
 * location in each rejection.
 */
@QuarkusTest
class CompiledValidatorDifferentialTest {

    /** Another seed or a larger corpus: -Dcorpus.seed=7 -Dcorpus.size=2000. */
    private static final long SEED = Long.getLong("corpus.seed", 20261126L);
    private static final int CORPUS_SIZE = Integer.getInteger("corpus.size", 400);

    @Inject
    ProfileValidator hapi;

    @Inject
    CompiledValidator compiled;

    @Inject
    ProfilePackage profiles;

    @Test
    void givenGeneratedResources_whenValidatedByBoth_thenSameVerdictAndTheRuleIsNamed() {
        List<Coding> items = profiles.codeSystem("http://hr-gateway.org/fhir/CodeSystem/mr-lab-items").orElseThrow()
                .getConcept().stream().map(c -> new Coding("http://loinc.org", c.getCode(), c.getDisplay())).toList();
        List<ConformanceCorpus.Case> cases = new ConformanceCorpus(SEED, items).cases(CORPUS_SIZE);

        List<String> disagreements = new ArrayList<>();
        int rejected = 0;
        long hapiNanos = 0;
        long compiledNanos = 0;
        for (ConformanceCorpus.Case c : cases) {
            Resource resource = c.resource();
            List<String> claimed = resource.getMeta().getProfile().stream().map(CanonicalType::getValue)
                    .filter(url -> url.startsWith("http://hr-gateway.org/")).toList();
            // The compiled validator first: HAPI's run must not warm the terminology caches they share.
            long started = System.nanoTime();
            Optional<List<Finding>> fast = compiled.validate(resource, claimed);
            long between = System.nanoTime();
            List<Finding> reference = hapi.validate(resource, claimed);
            hapiNanos += System.nanoTime() - between;
            compiledNanos += between - started;

            List<Finding> hapiErrors = reference.stream().filter(Finding::isError).toList();
            if (fast.isEmpty()) {
                disagreements.add(c.label() + ": left to HAPI");
                continue;
            }
            List<Finding> fastErrors = fast.get().stream().filter(Finding::isError).toList();
            if (hapiErrors.isEmpty() != fastErrors.isEmpty()) {
                disagreements.add(c.label() + ": HAPI " + describe(hapiErrors) + " | compiled " + describe(fastErrors));
            }
            if (!hapiErrors.isEmpty()) {
                rejected++;
                for (Finding finding : fastErrors) {
                    assertTrue(finding.messageId() != null && finding.location() != null && finding.message() != null,
                            c.label() + ": a finding without rule or location: " + finding);
                }
            }
        }
        System.out.printf("Differential corpus: %d resources, %d rejected by HAPI; HAPI %.2f ms/resource, compiled %.3f ms/resource%n",
                cases.size(), rejected, hapiNanos / 1e6 / cases.size(), compiledNanos / 1e6 / cases.size());
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + cases.size() + " verdicts differ");
        assertTrue(rejected >= 100 && cases.size() - rejected >= 100,
                "the corpus should hold both verdicts in numbers: " + rejected + " rejected of " + cases.size());
    }

    private static String describe(List<Finding> errors) {
        return errors.isEmpty() ? "accepts" : "rejects " + errors.stream()
                .map(f -> "[" + f.location() + "] " + f.message()).toList();
    }
}
