package org.hrgateway.validation;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

import java.util.List;

/** Validator findings as OperationOutcome issues, each with its location as a FHIRPath expression. */
public final class Findings {

    private static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

    private Findings() {
    }

    /** All findings, errors first; an empty list gives one "no issues" information issue. */
    public static OperationOutcome toOutcome(List<Finding> findings, String type, String where) {
        OperationOutcome outcome = new OperationOutcome();
        findings.stream().sorted((a, b) -> Boolean.compare(b.isError(), a.isError())).forEach(finding -> {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(severity(finding))
                    .setCode(finding.isError() ? IssueType.PROCESSING : IssueType.INFORMATIONAL)
                    .setDiagnostics(finding.message());
            if (finding.location() != null) {
                issue.addExpression(ProfileEnforcement.prefixed(finding.location(), type, where));
            }
            if (finding.messageId() != null) {
                // Which rule failed (an invariant key, "cardinality", "binding", or HAPI's message id).
                issue.addExtension(MESSAGE_ID, new StringType(finding.messageId()));
            }
        });
        if (findings.isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics("No issues: the resource conforms");
        }
        return outcome;
    }

    private static IssueSeverity severity(Finding finding) {
        return switch (finding.severity()) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            case INFORMATION -> IssueSeverity.INFORMATION;
        };
    }
}
