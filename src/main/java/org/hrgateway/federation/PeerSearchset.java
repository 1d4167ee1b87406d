package org.hrgateway.federation;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.FhirFormat;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A peer's searchset as this gateway believes it (ADR 0015): parsed strictly by HAPI, a searchset
 * Bundle whose every match and include is a resource of a type `typeServed` accepts, with a valid id;
 * anything else is an {@link IllegalArgumentException} saying why, and the peer's answer is not used.
 * The province search and `$recognize scope=province` both read peers' answers through it.
 *
 * @param entries the matches and includes, in the peer's order
 * @param issues  the issues of the peer's own OperationOutcome entries
 * @param more    the peer has a `next` page
 * @param total   the peer's `total`, or null
 */
public record PeerSearchset(List<Entry> entries, List<OperationOutcomeIssueComponent> issues, boolean more, Integer total) {

    /** A match or an include: an entry without a mode is a match. */
    public record Entry(Resource resource, SearchEntryMode mode) {
        public String id() {
            return resource.getIdElement().getIdPart();
        }
    }

    public static PeerSearchset read(ResourceCodec codec, String body, Predicate<String> typeServed) {
        Resource parsed = codec.parse(body, FhirFormat.JSON);
        if (!(parsed instanceof Bundle bundle) || bundle.getType() != Bundle.BundleType.SEARCHSET) {
            throw new IllegalArgumentException("a " + parsed.fhirType() + ", not a searchset Bundle");
        }
        List<Entry> entries = new ArrayList<>();
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            SearchEntryMode mode = entry.getSearch().hasMode() ? entry.getSearch().getMode() : SearchEntryMode.MATCH;
            Resource resource = entry.getResource();
            if (mode == SearchEntryMode.OUTCOME) {
                if (resource instanceof OperationOutcome outcome) {
                    issues.addAll(outcome.getIssue());
                }
                continue;
            }
            if (resource == null || !ResourceTypes.isValidId(resource.getIdElement().getIdPart())
                    || !typeServed.test(resource.fhirType())) {
                throw new IllegalArgumentException("an entry without a resource of a type this gateway serves, with an id");
            }
            entries.add(new Entry(resource, mode));
        }
        return new PeerSearchset(entries, issues, bundle.getLink("next") != null, bundle.hasTotal() ? bundle.getTotal() : null);
    }
}
