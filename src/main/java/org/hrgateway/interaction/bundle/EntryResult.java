package org.hrgateway.interaction.bundle;

import org.hrgateway.interaction.WriteOutcome;
import org.hrgateway.store.StoredResource;

/** What one Bundle entry came to: a write, a read, or (in a batch) the failure that stopped it. */
public record EntryResult(EntryRequest request, WriteOutcome written, StoredResource read, Throwable failure) {

    public static EntryResult written(EntryRequest request, WriteOutcome outcome) {
        return new EntryResult(request, outcome, null, null);
    }

    public static EntryResult read(EntryRequest request, StoredResource stored) {
        return new EntryResult(request, null, stored, null);
    }

    public static EntryResult failed(EntryRequest request, Throwable failure) {
        return new EntryResult(request, null, null, failure);
    }
}
