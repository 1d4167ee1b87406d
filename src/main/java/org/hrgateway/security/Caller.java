package org.hrgateway.security;

/**
 * Who is calling, as the verified token says: `sub`, `fhirUser` (e.g. `Practitioner/123`), the
 * institution code, the Patient id of `patient/` scopes, and the scopes. With security turned off
 * (`hr.security.enabled=false`) every call is {@link #UNCHECKED}, allowed everything; so are the
 * gateway's own writes (the repeat tests it records), which no token asked for.
 */
public record Caller(String subject, String fhirUser, String institution, String patient, String issuer,
                     Scopes scopes, boolean unchecked) {

    public static final Caller UNCHECKED = new Caller(null, null, null, null, null, Scopes.parse(""), true);

    /** Whether the token speaks for a system (the provincial platform, another city's gateway). */
    public boolean isSystem() {
        return scopes.has(Scopes.Context.SYSTEM);
    }
}
