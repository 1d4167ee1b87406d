package org.hrgateway.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

/**
 * The one place that says whether a caller may do something to a resource type: a `user/` or
 * `system/` scope permits it on every resource of the type; a `patient/` scope permits reading and
 * searching within the token's patient's compartment only ({@link Reach#PATIENT}), which the edge
 * then enforces; `patient/` scopes write nothing and run no operation. A refusal is 403 with an
 * OperationOutcome `forbidden` naming the scope needed.
 */
public final class Access {

    private Access() {
    }

    /** How far a permission reaches: every resource of the type, or the caller's patient's compartment. */
    public enum Reach { ALL, PATIENT }

    /**
     * For a read or search: {@link Reach#ALL} when a `user/` or `system/` scope permits it, else
     * {@link Reach#PATIENT} when a `patient/` scope does (and the token names its patient); else 403.
     */
    public static Reach reach(Caller caller, String type, Permission permission) {
        if (allows(caller, type, permission)) {
            return Reach.ALL;
        }
        if (patientScopeAllows(caller, type, permission)) {
            if (caller.patient() == null || caller.patient().isBlank()) {
                throw forbidden("patient/ scopes need the token's patient claim, which this token lacks");
            }
            if (!org.hrgateway.fhir.ResourceTypes.isValidId(caller.patient())) {
                throw forbidden("The token's patient claim is not a Patient id");
            }
            return Reach.PATIENT;
        }
        require(caller, type, permission);
        return Reach.ALL;
    }

    /**
     * How far the caller may see resources of `type` included in a search (read or search on it):
     * empty when not at all.
     */
    public static java.util.Optional<Reach> reachForIncluded(Caller caller, String type) {
        if (allows(caller, type, Permission.READ) || allows(caller, type, Permission.SEARCH)) {
            return java.util.Optional.of(Reach.ALL);
        }
        boolean patient = org.hrgateway.fhir.ResourceTypes.isValidId(caller.patient())
                && (patientScopeAllows(caller, type, Permission.READ) || patientScopeAllows(caller, type, Permission.SEARCH));
        return patient ? java.util.Optional.of(Reach.PATIENT) : java.util.Optional.empty();
    }

    /** A `patient/` scope permits reading and searching, nothing else. */
    private static boolean patientScopeAllows(Caller caller, String type, Permission permission) {
        return (permission == Permission.READ || permission == Permission.SEARCH)
                && caller.scopes().allows(Scopes.Context.PATIENT, type, permission);
    }

    public static boolean allows(Caller caller, String type, Permission permission) {
        return caller.unchecked() || caller.scopes().allows(Scopes.Context.USER, type, permission)
                || caller.scopes().allows(Scopes.Context.SYSTEM, type, permission);
    }

    public static void require(Caller caller, String type, Permission permission) {
        if (!allows(caller, type, permission)) {
            throw forbidden("The token's scopes do not allow " + verb(permission) + " " + type
                    + ": it needs user/" + type + "." + permission.letter() + " (or system/, or *)"
                    + (permission == Permission.READ || permission == Permission.SEARCH
                    ? "; patient/" + type + "." + permission.letter() + " reaches one patient's compartment" : ""));
        }
    }

    /** Only a `system/` scope with every permission on every type. */
    public static void requireSystemAll(Caller caller, String what) {
        if (!caller.unchecked() && !Permission.all().stream()
                .allMatch(permission -> caller.scopes().allows(Scopes.Context.SYSTEM, "*", permission))) {
            throw forbidden(what + " needs the scope system/*.cruds");
        }
    }

    public static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message, Outcomes.error(IssueType.FORBIDDEN, message));
    }

    private static String verb(Permission permission) {
        return switch (permission) {
            case CREATE -> "creating";
            case READ -> "reading";
            case UPDATE -> "updating";
            case DELETE -> "deleting";
            case SEARCH -> "searching";
        };
    }
}
