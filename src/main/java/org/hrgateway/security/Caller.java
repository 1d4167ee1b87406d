package org.hrgateway.security;

/**
 * Who is calling, as the verified token says: `sub`, `fhirUser` (e.g. `Practitioner/123`), the
 * institution code, the Patient id of `patient/` scopes, and the scopes. With security turned off
 * (`hr.security.enabled=false`) every call is {@link #UNCHECKED}, allowed everything; so are the
 * gateway's own writes (the repeat tests it records), which no token asked for. `requestId` is the
 * request's id (X-Request-Id), set at the edge.
 */
public record Caller(String subject, String fhirUser, String institution, String patient, String issuer,
                     Scopes scopes, boolean unchecked, String requestId) {

    public static final Caller UNCHECKED = new Caller(null, null, null, null, null, Scopes.parse(""), true, null);

    /** A caller as its token says, before it is tied to a request. */
    public Caller(String subject, String fhirUser, String institution, String patient, String issuer, Scopes scopes,
                  boolean unchecked) {
        this(subject, fhirUser, institution, patient, issuer, scopes, unchecked, null);
    }

    /**
     * The same caller on one request: `requestId` (its X-Request-Id, or one made for it) is recorded in
     * every AuditEvent the request leaves, and sent to peers, linking one province call's reads.
     */
    public Caller forRequest(String requestId) {
        return new Caller(subject, fhirUser, institution, patient, issuer, scopes, unchecked, requestId);
    }

    /** Whether the token speaks for a system (the provincial platform, another city's gateway). */
    public boolean isSystem() {
        return scopes.has(Scopes.Context.SYSTEM);
    }
}
