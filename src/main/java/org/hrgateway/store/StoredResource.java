package org.hrgateway.store;

import java.time.Instant;

/** A version as the API sees it: identity, version, time, and the stored JSON (null when deleted). */
public record StoredResource(String type, String id, int versionId, Instant lastUpdated, boolean deleted,
                             String json, String method) {

    public static StoredResource of(ResourceEntity entity) {
        return new StoredResource(entity.resType, entity.resId, entity.versionId,
                entity.lastUpdated.toInstant(), entity.deleted, entity.content, null);
    }

    public static StoredResource of(ResourceVersionEntity version) {
        return new StoredResource(version.resType, version.resId, version.versionId,
                version.lastUpdated.toInstant(), version.content == null, version.content, version.method);
    }

    public String etag() {
        return "W/\"" + versionId + "\"";
    }

    public String relativeUrl() {
        return type + "/" + id;
    }

    public String versionedUrl() {
        return type + "/" + id + "/_history/" + versionId;
    }
}
