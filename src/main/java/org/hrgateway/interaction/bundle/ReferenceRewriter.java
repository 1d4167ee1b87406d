package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds and rewrites the references inside a transaction's resources (http.html#trules). */
@ApplicationScoped
public class ReferenceRewriter {

    private final FhirContext context;

    public ReferenceRewriter(FhirContext context) {
        this.context = context;
    }

    /** Every conditional reference (`Type?search`) among a resource's references. */
    public Set<String> conditionalReferences(List<Reference> references) {
        Set<String> found = new LinkedHashSet<>();
        for (Reference reference : references) {
            String value = reference.getReference();
            if (value != null && value.indexOf('?') > 0) {
                found.add(value);
            }
        }
        return found;
    }

    /** Points every reference named in `resolved` at the `Type/id` it resolved to. */
    public void rewrite(List<Reference> references, Map<String, String> resolved) {
        if (resolved.isEmpty()) {
            return;
        }
        for (Reference reference : references) {
            String target = reference.getReference() == null ? null : resolved.get(reference.getReference());
            if (target != null) {
                reference.setReference(target);
            }
        }
    }

    /** The resource's references, found once (a walk of the whole resource) and then read and rewritten. */
    public List<Reference> references(Resource resource) {
        FhirTerser terser = context.newTerser();
        return terser.getAllPopulatedChildElementsOfType(resource, Reference.class);
    }
}
