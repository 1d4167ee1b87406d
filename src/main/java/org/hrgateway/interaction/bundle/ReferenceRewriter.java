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

    /** Every conditional reference (`Type?search`) in the resource. */
    public Set<String> conditionalReferences(Resource resource) {
        Set<String> found = new LinkedHashSet<>();
        for (Reference reference : references(resource)) {
            String value = reference.getReference();
            if (value != null && value.indexOf('?') > 0) {
                found.add(value);
            }
        }
        return found;
    }

    /** Points every reference named in `resolved` at the `Type/id` it resolved to. */
    public void rewrite(Resource resource, Map<String, String> resolved) {
        if (resolved.isEmpty()) {
            return;
        }
        for (Reference reference : references(resource)) {
            String target = reference.getReference() == null ? null : resolved.get(reference.getReference());
            if (target != null) {
                reference.setReference(target);
            }
        }
    }

    private List<Reference> references(Resource resource) {
        FhirTerser terser = context.newTerser();
        return terser.getAllPopulatedChildElementsOfType(resource, Reference.class);
    }
}
