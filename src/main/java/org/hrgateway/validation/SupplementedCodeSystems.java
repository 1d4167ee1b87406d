package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code systems the server does not hold but the package supplements (LOINC, through the test item
 * catalogue): their supplemented codes validate with the catalogue's display; any other code is
 * reported as unchecked (a warning), not as invalid. Whether a code is allowed where a profile
 * binds a value set is then the value set's business alone.
 */
final class SupplementedCodeSystems implements IValidationSupport {

    private final FhirContext context;
    /** system → code → display */
    private final Map<String, Map<String, String>> known = new HashMap<>();
    private final Map<String, CodeSystem> fragments = new ConcurrentHashMap<>();

    SupplementedCodeSystems(FhirContext context, Collection<? extends Resource> resources) {
        this.context = context;
        for (Resource resource : resources) {
            if (resource instanceof CodeSystem codeSystem && codeSystem.hasSupplements()) {
                Map<String, String> codes = known.computeIfAbsent(codeSystem.getSupplements(), system -> new HashMap<>());
                codeSystem.getConcept().forEach(concept -> add(concept, codes));
            }
        }
    }

    private static void add(ConceptDefinitionComponent concept, Map<String, String> codes) {
        codes.put(concept.getCode(), concept.getDisplay());
        concept.getConcept().forEach(child -> add(child, codes));
    }

    @Override
    public FhirContext getFhirContext() {
        return context;
    }

    @Override
    public String getName() {
        return "package supplements";
    }

    /**
     * The supplemented system as a fragment holding the supplemented codes, so that a value set
     * enumerating them (mr-lab-items) can be expanded.
     */
    @Override
    public IBaseResource fetchCodeSystem(String system) {
        return fragments.computeIfAbsent(system, url -> {
            Map<String, String> codes = known.get(url);
            if (codes == null) {
                return null;
            }
            CodeSystem fragment = new CodeSystem();
            fragment.setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE)
                    .setContent(CodeSystem.CodeSystemContentMode.FRAGMENT).setCaseSensitive(true);
            codes.forEach((code, display) -> fragment.addConcept().setCode(code).setDisplay(display));
            return fragment;
        });
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext support, String system) {
        return known.containsKey(system);
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext support, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        Map<String, String> codes = known.get(system);
        if (codes == null || valueSetUrl != null) {
            return null;
        }
        if (codes.containsKey(code)) {
            return new CodeValidationResult().setCode(code).setDisplay(codes.get(code));
        }
        return new CodeValidationResult().setSeverity(IssueSeverity.WARNING)
                .setMessage("The code " + system + "#" + code + " is not checked: the server holds only the "
                        + codes.size() + " codes of " + system + " that the profile package supplements");
    }
}
