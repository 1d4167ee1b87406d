package org.hrgateway.api;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Objects;

/** The resources a Bundle the edge answers with holds (a history page), for the audit trail. */
final class Bundles {

    private Bundles() {
    }

    static List<Resource> resources(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Objects::nonNull).toList();
    }
}
