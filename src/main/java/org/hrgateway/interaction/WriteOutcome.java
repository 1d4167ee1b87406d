package org.hrgateway.interaction;

import org.hrgateway.store.StoredResource;

/** What a create, update or delete did: the version it left and the HTTP status that says so. */
public record WriteOutcome(StoredResource stored, int status, String message) {

    public static WriteOutcome created(StoredResource stored) {
        return new WriteOutcome(stored, 201, "Created " + stored.versionedUrl());
    }

    public static WriteOutcome updated(StoredResource stored) {
        return new WriteOutcome(stored, 200, "Updated " + stored.versionedUrl());
    }

    public static WriteOutcome unchanged(StoredResource stored, String why) {
        return new WriteOutcome(stored, 200, why);
    }
}
