package org.hrgateway.validation;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.conformance.ProfilePackage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The package profiles a resource must meet by what it is, whether it claims them or not: a
 * profile that fixes its type's `code` (a pattern or fixed CodeableConcept) applies to every
 * resource of that type carrying that code. The package's `mr-declined-recognition` is one: every
 * DetectedIssue coded `repeat-test` records a decision to re-test, and must give its reason.
 */
final class ImpliedProfiles {

    /** A profile and the code that implies it. */
    private record Rule(String system, String code, String profile) {
    }

    private final Map<String, List<Rule>> byType;

    private ImpliedProfiles(Map<String, List<Rule>> byType) {
        this.byType = byType;
    }

    static ImpliedProfiles of(ProfilePackage profiles) {
        Map<String, List<Rule>> byType = new HashMap<>();
        for (StructureDefinition profile : profiles.resourcesOf(StructureDefinition.class)) {
            if (profile.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
                continue;
            }
            String codePath = profile.getType() + ".code";
            for (ElementDefinition element : profile.getDifferential().getElement()) {
                if (!codePath.equals(element.getPath()) || element.hasSliceName()) {
                    continue;
                }
                Type fixed = element.hasPattern() ? element.getPattern() : element.hasFixed() ? element.getFixed() : null;
                if (fixed instanceof CodeableConcept concept) {
                    for (Coding coding : concept.getCoding()) {
                        byType.computeIfAbsent(profile.getType(), type -> new ArrayList<>())
                                .add(new Rule(coding.getSystem(), coding.getCode(), profile.getUrl()));
                    }
                }
            }
        }
        return new ImpliedProfiles(byType);
    }

    /** The profiles `resource` must meet because of its code. */
    List<String> of(Resource resource) {
        List<Rule> rules = byType.get(resource.fhirType());
        if (rules == null) {
            return List.of();
        }
        List<String> implied = new ArrayList<>();
        for (Base value : resource.listChildrenByName("code")) {
            if (value instanceof CodeableConcept concept) {
                for (Rule rule : rules) {
                    if (concept.getCoding().stream().anyMatch(coding -> rule.system().equals(coding.getSystem())
                            && rule.code().equals(coding.getCode())) && !implied.contains(rule.profile())) {
                        implied.add(rule.profile());
                    }
                }
            }
        }
        return implied;
    }
}
