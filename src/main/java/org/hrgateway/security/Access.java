package org.hrgateway.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

/**
 * The one place that says whether a caller may do something to a resource type: a `user/` or
 * `system/` scope must permit it. `patient/` scopes grant nothing yet: they are limited to the
 * patient's compartment, which is not built (docs/security.md), and until it is they must not read
 * other patients' data. A refusal is 403 with an OperationOutcome `forbidden` naming the scope needed.
 */
public final class Access {

    private Access() {
    }

    public static boolean allows(Caller caller, String type, Permission permission) {
        return caller.unchecked() || caller.scopes().allows(Scopes.Context.USER, type, permission)
                || caller.scopes().allows(Scopes.Context.SYSTEM, type, permission);
    }

    public static void require(Caller caller, String type, Permission permission) {
        if (!allows(caller, type, permission)) {
            throw forbidden("The token's scopes do not allow " + verb(permission) + " " + type
                    + ": it needs user/" + type + "." + permission.letter() + " (or system/, patient/, or *)");
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
