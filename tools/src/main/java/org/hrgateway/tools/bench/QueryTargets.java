package org.hrgateway.tools.bench;

import java.util.List;

/**
 * What the query scenarios aim at: Patients with their server-assigned id, resident ID and the LOINC
 * codes of their Observations, and DiagnosticReport ids. Built either from what the load phase
 * created or, with {@code --skip-load}, from searches on the server.
 */
record QueryTargets(List<PatientTarget> patients, List<String> reportIds) {

    /** A Patient as the server knows it; {@code residentId} is null when the Patient has none. */
    record PatientTarget(String id, String residentId, List<String> loincCodes) {
        PatientTarget {
            loincCodes = List.copyOf(loincCodes);
        }
    }

    QueryTargets {
        patients = List.copyOf(patients);
        reportIds = List.copyOf(reportIds);
    }

    /** Patients with at least one Observation code: targets for code searches. */
    List<PatientTarget> withCodes() {
        return patients.stream().filter(patient -> !patient.loincCodes().isEmpty()).toList();
    }

    /**
     * Patients with a resident ID, preferring those with Observations so that a chained search by
     * resident ID has something to find.
     */
    List<PatientTarget> withResidentId() {
        List<PatientTarget> withId = patients.stream().filter(patient -> patient.residentId() != null).toList();
        List<PatientTarget> withObservations = withId.stream().filter(patient -> !patient.loincCodes().isEmpty()).toList();
        return withObservations.isEmpty() ? withId : withObservations;
    }

    String summary() {
        return patients.size() + " patients (" + withCodes().size() + " with observation codes, "
                + withResidentId().size() + " with resident ID), " + reportIds.size() + " diagnostic reports";
    }
}
