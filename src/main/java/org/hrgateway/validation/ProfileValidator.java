package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Lazy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAPI's instance validator over the profile package: the reference for what conforms, used by
 * `$validate` and on writes. It is blocking and slow (milliseconds per resource): call it on a
 * worker thread only. Built on first use, not at start: it holds the R4 definitions twice (as R4 and
 * as the R5 model HAPI's validator works in), about 180 MB of heap that a gateway whose writes the
 * compiled validator judges never needs (issue 13; bench/RESULTS.md, memory).
 */
@ApplicationScoped
public class ProfileValidator {

    private static final Pattern MISSING = Pattern.compile("^[A-Z][A-Za-z]*(?:\\.[A-Za-z\\[\\]x:-]+)*\\.([a-z][A-Za-z\\[\\]x]*): minimum required = [1-9]");

    private final FhirContext context;
    private final PackageDefinitions definitions;
    private final Lazy<FhirValidator> validator = new Lazy<>(this::build);

    public ProfileValidator(FhirContext context, PackageDefinitions definitions) {
        this.context = context;
        this.definitions = definitions;
    }

    /** Validates against R4 and the given profile URLs (besides those `resource` claims). */
    public List<Finding> validate(Resource resource, Collection<String> profileUrls) {
        ValidationOptions options = new ValidationOptions();
        profileUrls.forEach(options::addProfile);
        List<Finding> findings = new ArrayList<>();
        for (SingleValidationMessage message : validator.get().validateWithResult(resource, options).getMessages()) {
            findings.add(new Finding(message.getSeverity(), message.getMessage(),
                    location(message.getLocationString(), message.getMessage()), message.getMessageId()));
        }
        return findings;
    }

    /**
     * HAPI reports a missing element at its parent ("Observation" for "Observation.issued: minimum
     * required = 1, but only found 0"); the element itself tells a client what to fix.
     */
    static String location(String location, String message) {
        if (location == null || message == null) {
            return location;
        }
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            String path = missing.group(1);
            return location + "." + path.substring(path.lastIndexOf('.') + 1);
        }
        return location;
    }

    private FhirValidator build() {
        FhirInstanceValidator module = new FhirInstanceValidator(definitions.chain());
        module.setAnyExtensionsAllowed(true);
        // Reference(Organization) is then checked against the type in the reference itself
        // (Practitioner/1 is refused) even when the target is not resolved during validation.
        module.setAssumeValidRestReferences(true);
        FhirValidator built = context.newValidator();
        built.registerValidatorModule(module);
        return built;
    }
}
