package org.hrgateway.tools.bench;

import java.util.Optional;

/**
 * Reads a resource's type and id out of what servers put in {@code Location} headers, transaction
 * {@code response.location} and references: relative ({@code Patient/1}) or absolute
 * ({@code http://host/fhir/Patient/1}), with or without {@code /_history/2}.
 */
record ResourceLocation(String type, String id) {

    /** Empty when {@code location} has no {@code Type/id} part. */
    static Optional<ResourceLocation> parse(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        String path = location.strip();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int history = path.indexOf("/_history");
        if (history >= 0) {
            path = path.substring(0, history);
        }
        path = path.replaceAll("/+$", "");
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == path.length() - 1) {
            return Optional.empty();
        }
        String id = path.substring(lastSlash + 1);
        String type = path.substring(path.lastIndexOf('/', lastSlash - 1) + 1, lastSlash);
        if (type.isEmpty() || !Character.isUpperCase(type.charAt(0))) {
            return Optional.empty();
        }
        return Optional.of(new ResourceLocation(type, id));
    }

    /** True when {@code reference} points at {@code type}/{@code id}, in whatever form the server wrote it. */
    static boolean pointsAt(String reference, String type, String id) {
        return parse(reference)
                .map(location -> location.type().equals(type) && location.id().equals(id))
                .orElse(false);
    }
}
