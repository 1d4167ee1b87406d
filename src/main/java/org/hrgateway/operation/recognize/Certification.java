package org.hrgateway.operation.recognize;

import java.time.Instant;

/**
 * An institution's external quality assessment certification for one professional category (the
 * Organization's `eqa-certification` extension). A missing start or end leaves that side open.
 */
public record Certification(String category, Instant start, Instant end) {

    public boolean covers(String category, Instant when) {
        return this.category.equals(category)
                && (start == null || !when.isBefore(start))
                && (end == null || !when.isAfter(end));
    }
}
