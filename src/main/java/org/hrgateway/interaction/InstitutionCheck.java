package org.hrgateway.interaction;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.search.InstitutionOwners;
import org.hrgateway.security.Caller;
import org.hrgateway.security.InstitutionRule;
import org.hrgateway.security.InstitutionRule.State;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceEntity;
import org.hrgateway.store.StoredResource;

import java.util.List;

/**
 * Applies {@link InstitutionRule} inside a write's transaction: before a stored version is changed or
 * deleted, and after the new version is written (in a transaction, once every entry is written, so
 * that an Organization the same Bundle creates is seen). A refusal rolls the transaction back.
 */
@ApplicationScoped
public class InstitutionCheck {

    private final InstitutionRule rule;
    private final InstitutionOwners owners;

    public InstitutionCheck(InstitutionRule rule, InstitutionOwners owners) {
        this.rule = rule;
        this.owners = owners;
    }

    /**
     * Before `current` is replaced or deleted (`permission` UPDATE or DELETE); a deleted one is
     * re-created by the platform only, since what it was can no longer be judged.
     */
    public Uni<Void> beforeChange(Mutiny.Session session, Caller caller, ResourceEntity current, String baseUrl,
                                  Permission permission) {
        if (current == null) {
            return Uni.createFrom().voidItem();
        }
        if (current.deleted) {
            rule.requireMayRecreate(caller, current.resType, current.resId, permission);
            return Uni.createFrom().voidItem();
        }
        return judge(session, caller, current.resType, current.resId, State.STORED, permission, baseUrl);
    }

    /** After `written` were stored by `permission` (CREATE or UPDATE), before the transaction commits. */
    public Uni<Void> afterWrite(Mutiny.Session session, Caller caller, List<StoredResource> written, String baseUrl,
                                Permission permission) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StoredResource resource : written) {
            if (!resource.deleted()) {
                chain = chain.chain(() -> judge(session, caller, resource.type(), resource.id(), State.WRITTEN,
                        permission, baseUrl));
            }
        }
        return chain;
    }

    private Uni<Void> judge(Mutiny.Session session, Caller caller, String type, String id, State state,
                            Permission permission, String baseUrl) {
        return rule.ownerParameter(caller, type, state, permission)
                .map(param -> owners.of(session, type, id, param, baseUrl)
                        .invoke(found -> rule.require(caller, type, id, state, permission, found.organizations(),
                                found.unresolved()))
                        .replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
