package org.hrgateway.tools.bench;

import org.hl7.fhir.r4.model.Bundle;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges several patients' transaction Bundles into one transaction, so that the load phase posts
 * Bundles of a realistic size instead of one small Bundle per patient.
 *
 * <p>Entries are concatenated in order. That is enough because each patient Bundle only refers to
 * its own resources by {@code urn:uuid:} fullUrl and to Organizations by conditional reference; what
 * must hold is that no fullUrl appears twice, which is checked rather than assumed (the generator
 * draws fullUrls from each patient's own random stream).
 */
final class TransactionMerger {

    private TransactionMerger() {
    }

    /**
     * @throws IllegalArgumentException when a fullUrl occurs in more than one entry, which would make
     *                                  the server resolve references to the wrong resource
     */
    static Bundle merge(List<Bundle> transactions) {
        Bundle merged = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Set<String> fullUrls = new HashSet<>();
        for (Bundle transaction : transactions) {
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                if (entry.hasFullUrl() && !fullUrls.add(entry.getFullUrl())) {
                    throw new IllegalArgumentException("fullUrl " + entry.getFullUrl() + " occurs twice in the merged transaction");
                }
                merged.addEntry(entry);
            }
        }
        return merged;
    }
}
