package org.hrgateway.operation.recognize;

import java.time.Instant;
import java.util.List;

/**
 * The answer for one requested item.
 *
 * @param outcome    `recognized`, `not-recognized` or `not-applicable`
 * @param chosen     the recognized result's verdict, or null
 * @param reason     a code of mr-recognition-reason when not recognized, else null
 * @param candidates every result considered, most recent first
 */
public record Recommendation(String system, String code, String outcome, Verdict chosen, String reason,
                             List<Verdict> candidates) {

    public static final String RECOGNIZED = "recognized";
    public static final String NOT_RECOGNIZED = "not-recognized";
    public static final String NOT_APPLICABLE = "not-applicable";

    public Instant validUntil() {
        return chosen == null ? null : chosen.validUntil();
    }
}
