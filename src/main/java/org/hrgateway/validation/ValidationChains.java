package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.fhir.CoreTypeDefinitions;

import java.util.Collection;

/**
 * The HAPI validation support chain over a profile package: the package's own profiles, code
 * systems and value sets first, then R4 core definitions and in-memory terminology. The same
 * chain generates snapshots at build time and validates at run time.
 */
public final class ValidationChains {

    private ValidationChains() {
    }

    /** The package's conformance resources, to be consulted before R4 core. */
    public static PrePopulatedValidationSupport packageSupport(FhirContext context, Collection<? extends Resource> resources) {
        PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(context);
        for (Resource resource : resources) {
            if (resource instanceof StructureDefinition definition) {
                support.addStructureDefinition(definition);
            } else if (resource instanceof CodeSystem codeSystem) {
                support.addCodeSystem(codeSystem);
            } else if (resource instanceof ValueSet valueSet) {
                support.addValueSet(valueSet);
            }
        }
        return support;
    }

    /**
     * Package, the code systems it supplements, R4 core, then terminology; `extra` (a snapshot
     * generator) comes last.
     */
    public static ValidationSupportChain chain(FhirContext context, PrePopulatedValidationSupport packageSupport,
                                               Collection<? extends Resource> packageResources,
                                               IValidationSupport... extra) {
        ValidationSupportChain chain = new ValidationSupportChain(
                packageSupport,
                new SupplementedCodeSystems(context, packageResources),
                // The context's R4 definitions, loaded once for the service, without a caching chain
                // around them: a shared cache would carry one validator's code answers into another's.
                CoreTypeDefinitions.definitionsIn(context.getValidationSupport(), context),
                new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context));
        for (IValidationSupport support : extra) {
            chain.addValidationSupport(support);
        }
        return chain;
    }
}
