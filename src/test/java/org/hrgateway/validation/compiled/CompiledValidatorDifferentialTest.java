package org.hrgateway.validation.compiled;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.validation.ProfileValidator;
import org.hrgateway.validation.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled validator must reach HAPI's verdict (accept or reject) on every resource of a
 * generated corpus, for the same part of the resource, and judge them itself except where a change
 * is meant to take the resource beyond the compiled rules (then it must leave it to HAPI).
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
        int leftToHapi = 0;
        for (ConformanceCorpus.Case c : cases) {
            Resource resource = c.resource();
            List<String> claimed = resource.getMeta().getProfile().stream().map(CanonicalType::getValue)
                    .filter(url -> url.startsWith("http://hr-gateway.org/")).toList();
            // The compiled validator first: it must not profit from anything HAPI's run warmed.
            Optional<List<Finding>> fast = compiled.validate(resource, claimed);
            List<Finding> hapiErrors = hapi.validate(resource, claimed).stream().filter(Finding::isError).toList();
            rejected += hapiErrors.isEmpty() ? 0 : 1;

            boolean meantForHapi = c.label().contains(ConformanceCorpus.LEFT_TO_HAPI);
            if (fast.isEmpty() != meantForHapi) {
                disagreements.add(c.label() + (meantForHapi ? ": judged by the compiled validator" : ": left to HAPI"));
                continue;
            }
            if (fast.isEmpty()) {
                leftToHapi++;
                continue;
            }
            List<Finding> fastErrors = fast.get().stream().filter(Finding::isError).toList();
            if (hapiErrors.isEmpty() != fastErrors.isEmpty()) {
                disagreements.add(c.label() + ": HAPI " + describe(hapiErrors) + " | compiled " + describe(fastErrors));
            } else if (!hapiErrors.isEmpty() && !sameElements(elements(hapiErrors), elements(fastErrors))) {
                disagreements.add(c.label() + ": rejected for different elements: HAPI " + describe(hapiErrors)
                        + " | compiled " + describe(fastErrors));
            }
        }
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + cases.size() + " verdicts differ");
        assertTrue(rejected >= 100 && cases.size() - rejected >= 100,
                "the corpus should hold both verdicts in numbers: " + rejected + " rejected of " + cases.size());
        assertTrue(leftToHapi > 0, "the corpus should take some resources beyond the compiled rules");
    }

    /** The top-level elements the findings are about ("" for the resource itself). */
    private static Set<String> elements(List<Finding> findings) {
        Set<String> elements = new HashSet<>();
        for (Finding finding : findings) {
            String location = finding.location() == null ? "" : finding.location();
            int dot = location.indexOf('.');
            String rest = dot < 0 ? "" : location.substring(dot + 1);
            elements.add(rest.split("[.\\[(]", 2)[0]);
        }
        return elements;
    }

    /**
     * Some element in common. HAPI reports slice counts and extension contexts at the resource
     * itself, where the compiled validator names the element: a finding at the resource matches any.
     */
    private static boolean sameElements(Set<String> hapi, Set<String> compiled) {
        return hapi.contains("") || hapi.stream().anyMatch(compiled::contains);
    }

    private static String describe(List<Finding> errors) {
        return errors.isEmpty() ? "accepts" : "rejects " + errors.stream()
                .map(f -> "[" + f.location() + "] " + f.message()).toList();
    }
}
