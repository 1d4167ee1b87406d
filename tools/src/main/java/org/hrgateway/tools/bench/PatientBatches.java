package org.hrgateway.tools.bench;

import org.hl7.fhir.r4.model.Bundle;
import org.hrgateway.tools.demo.SyntheticProvince;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts the province's patient Bundles into transactions of about {@code bundleSize} resources:
 * patients are added while the transaction stays within the size, and a patient is never split, so
 * a transaction holds at least one whole patient even when that patient alone is larger.
 *
 * <p>Thread-safe: the loading workers take batches from one instance; the patient Bundles are built
 * lazily, one batch at a time, so memory stays flat however many patients are loaded.
 */
final class PatientBatches {

    /** One transaction to post, and how many entries each of its patients contributed, in order. */
    record Batch(int number, Bundle transaction, List<Integer> entriesPerPatient) {
        Batch {
            entriesPerPatient = List.copyOf(entriesPerPatient);
        }

        int resourceCount() {
            return transaction.getEntry().size();
        }
    }

    private final Iterator<Bundle> patients;
    private final int bundleSize;
    private Bundle pending;
    private int numbered;

    PatientBatches(SyntheticProvince province, int bundleSize) {
        this(province.patientBundles(), bundleSize);
    }

    PatientBatches(Iterator<Bundle> patientBundles, int bundleSize) {
        if (bundleSize < 1) {
            throw new IllegalArgumentException("Bundle size must be positive: " + bundleSize);
        }
        this.patients = patientBundles;
        this.bundleSize = bundleSize;
    }

    /** The next transaction, or null when every patient has been handed out. */
    synchronized Batch next() {
        List<Bundle> taken = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        int size = 0;
        while (pending != null || patients.hasNext()) {
            Bundle patient = pending != null ? pending : patients.next();
            pending = null;
            int patientSize = patient.getEntry().size();
            if (!taken.isEmpty() && size + patientSize > bundleSize) {
                pending = patient;
                break;
            }
            taken.add(patient);
            entries.add(patientSize);
            size += patientSize;
        }
        if (taken.isEmpty()) {
            return null;
        }
        return new Batch(++numbered, TransactionMerger.merge(taken), entries);
    }
}
