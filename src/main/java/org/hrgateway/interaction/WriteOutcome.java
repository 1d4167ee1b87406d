package org.hrgateway.interaction;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.store.StoredResource;

import java.util.ArrayList;
import java.util.List;

/**
 * What a create, update or delete did: the version it left, the HTTP status that says so, and
 * warnings a client asking for an OperationOutcome should see (the write succeeded regardless).
 */
public record WriteOutcome(StoredResource stored, int status, String message, List<String> warnings) {

    public WriteOutcome {
        warnings = List.copyOf(warnings);
    }

    public WriteOutcome(StoredResource stored, int status, String message) {
        this(stored, status, message, List.of());
    }

    public static WriteOutcome created(StoredResource stored) {
        return new WriteOutcome(stored, 201, "Created " + stored.versionedUrl());
    }

    public static WriteOutcome updated(StoredResource stored) {
        return new WriteOutcome(stored, 200, "Updated " + stored.versionedUrl());
    }

    public static WriteOutcome unchanged(StoredResource stored, String why) {
        return new WriteOutcome(stored, 200, why);
    }

    /** What happened as an OperationOutcome: the message, then each warning. */
    public OperationOutcome toOutcome() {
        OperationOutcome outcome = Outcomes.information(message);
        warnings.forEach(warning -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(warning));
        return outcome;
    }

    public WriteOutcome withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new WriteOutcome(stored, status, message, all);
    }
}
