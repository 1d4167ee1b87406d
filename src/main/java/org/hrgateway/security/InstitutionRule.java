package org.hrgateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.config.GatewayConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hospital writes only its own results (docs/security.md, "The institution rule"). With a `user/`
 * token, a resource of a bound type (`hr.security.institutions.owner`) must belong to the token's
 * institution both as stored before a change or delete and as written: every Organization its owner
 * parameter names (directly or through a PractitionerRole) must carry the token's `institution`
 * code, and it must name at least one. `system/` tokens are not bound, except on the owner-only
 * types (`hr.security.institutions.owner-only`): there a stored version that has an owner may be
 * changed by its owner's institution alone. The owners are read by the caller; this only judges.
 */
@ApplicationScoped
public class InstitutionRule {

    /** Which state of a resource is judged: the version a change replaces, or the one it writes. */
    public enum State { STORED, WRITTEN }

    private final Map<String, String> owner;
    private final Set<String> ownerOnly;

    public InstitutionRule(GatewayConfig config) {
        this.owner = Map.copyOf(config.security().institutions().owner());
        this.ownerOnly = Set.copyOf(config.security().institutions().ownerOnly());
        List<String> unbound = ownerOnly.stream().filter(type -> !owner.containsKey(type)).sorted().toList();
        if (!unbound.isEmpty()) {
            throw new IllegalStateException("hr.security.institutions.owner-only names " + unbound
                    + ", which hr.security.institutions.owner gives no owner parameter: nothing would protect them");
        }
    }

    /**
     * Whether a `system/` scope of `caller` grants `permission` on `type`: only then is the write the
     * platform's, not bound to an institution. A `user/` token that also holds some other `system/`
     * scope stays bound.
     */
    public boolean bySystem(Caller caller, String type, Permission permission) {
        return caller.scopes().allows(Scopes.Context.SYSTEM, type, permission);
    }

    /**
     * The owner parameter to read for `caller` doing `permission` to `type` in `state`; empty when
     * the rule does not apply.
     */
    public Optional<String> ownerParameter(Caller caller, String type, State state, Permission permission) {
        String param = owner.get(type);
        if (param == null || caller.unchecked()) {
            return Optional.empty();
        }
        if (bySystem(caller, type, permission) && !(state == State.STORED && ownerOnly.contains(type))) {
            return Optional.empty();
        }
        return Optional.of(param);
    }

    /**
     * Fails with 403 `forbidden` unless `caller` may leave `type/id` in `state` owned by `owners`
     * (Organization id → the institution codes it carries), where the owner element also names
     * `unresolved`, references to nothing here. An owner belongs to an institution when it carries that institution's
     * code and no other: an Organization with two codes would let one hospital write in another's name.
     */
    public void require(Caller caller, String type, String id, State state, Permission permission,
                        Map<String, Set<String>> owners, List<String> unresolved) {
        String resource = type + "/" + id;
        String mine = caller.institution();
        if (bySystem(caller, type, permission)) {
            List<String> others = othersThan(mine, owners);
            if (!others.isEmpty()) {
                throw Access.forbidden(resource + " belongs to " + String.join(", ", others)
                        + "; only its author's institution may amend it, not a system/ token");
            }
            return;
        }
        String param = owner.get(type);
        if (mine == null || mine.isBlank()) {
            throw Access.forbidden("Writing a " + type + " with a user/ token needs the token's institution claim,"
                    + " which this token lacks: a hospital writes only its own results");
        }
        if (!unresolved.isEmpty()) {
            throw Access.forbidden(resource + (state == State.WRITTEN ? " as written" : "") + " names "
                    + String.join(", ", unresolved) + " in " + param + ", which is no Organization or"
                    + " PractitionerRole of this gateway: with a user/ token every one must be, so that its"
                    + " institution can be checked");
        }
        if (owners.isEmpty()) {
            throw Access.forbidden(state == State.WRITTEN
                    ? resource + " as written names no Organization in " + param + " (directly or through a"
                    + " PractitionerRole): with a user/ token it must name your institution (" + mine + ")"
                    : resource + " names no institution in " + param + ", so your institution (" + mine
                    + ") may not change it; only a system/ token may");
        }
        List<String> others = othersThan(mine, owners);
        if (!others.isEmpty()) {
            throw Access.forbidden(state == State.WRITTEN
                    ? resource + " as written belongs to " + String.join(", ", others) + " in " + param
                    + ", not to your institution (" + mine + ") alone: a hospital writes only its own results"
                    : resource + " belongs to " + String.join(", ", others) + "; your institution (" + mine
                    + ") may not change or delete it");
        }
    }

    /** A deleted resource of a bound type is re-created by the platform only: what it was is not judged here. */
    public void requireMayRecreate(Caller caller, String type, String id, Permission permission) {
        if (!bySystem(caller, type, permission) && ownerParameter(caller, type, State.STORED, permission).isPresent()) {
            throw Access.forbidden(type + "/" + id + " was deleted; re-creating it with the same id needs a system/"
                    + " token (create a new one instead)");
        }
    }

    /** The owners that are not `mine` alone, each as `Organization/id (institution codes)`. */
    private static List<String> othersThan(String mine, Map<String, Set<String>> owners) {
        return owners.entrySet().stream()
                .filter(entry -> mine == null || !entry.getValue().equals(Set.of(mine)))
                .map(entry -> "Organization/" + entry.getKey() + (entry.getValue().isEmpty()
                        ? " (no institution code)" : " (institution " + String.join(", ", entry.getValue()) + ")"))
                .toList();
    }
}
