package org.hrgateway.federation;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

import java.util.List;

/**
 * The issues that say how a province call went, worded once for searches and `$recognize`: which
 * cities were consulted and how they were chosen (information), and a warning for each city that did
 * not answer or whose results were cut, its code in `diagnostics` (`city=heze`) for a program to read.
 */
public final class ProvinceOutcome {

    private ProvinceOutcome() {
    }

    /** `answered` describes each city that answered (`heze (2 matches)`); `missing` names those that did not. */
    public static OperationOutcomeIssueComponent consulted(String howChosen, List<String> answered, List<String> missing) {
        String text = "Cities consulted (" + howChosen + "): " + (answered.isEmpty() ? "none" : String.join(", ", answered));
        return issue(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                missing.isEmpty() ? text : text + "; not answered: " + String.join(", ", missing));
    }

    public static OperationOutcomeIssueComponent missing(PeerAnswer.Missing missing) {
        return issue(IssueSeverity.WARNING, missing.code(), missing.reason()).setDiagnostics("city=" + missing.peer().city());
    }

    public static OperationOutcomeIssueComponent unusable(String city, String why) {
        return issue(IssueSeverity.WARNING, IssueType.TRANSIENT, city + " answered a Bundle this gateway cannot use: " + why)
                .setDiagnostics("city=" + city);
    }

    public static OperationOutcomeIssueComponent cut(String city, int shown) {
        return issue(IssueSeverity.WARNING, IssueType.INCOMPLETE, city + " has more results than the " + shown
                + " shown: narrow the search, or ask that city's own base for the rest").setDiagnostics("city=" + city);
    }

    public static OperationOutcomeIssueComponent issue(IssueSeverity severity, IssueType code, String text) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(severity).setCode(code);
        issue.getDetails().setText(text);
        return issue;
    }
}
