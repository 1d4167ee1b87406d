package org.hrgateway.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds OperationOutcomes: the one shape every error, warning and note of this server takes. */
public final class Outcomes {

    private Outcomes() {
    }

    public static OperationOutcome of(IssueSeverity severity, IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(text);
        return outcome;
    }

    public static OperationOutcome error(IssueType type, String text) {
        return of(IssueSeverity.ERROR, type, text);
    }

    public static OperationOutcome information(String text) {
        return of(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, text);
    }
}
