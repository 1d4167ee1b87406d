package org.hrgateway.interaction;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.StoredResource;

/** FHIR vread interaction. https://hl7.org/fhir/R4/http.html#vread */
@ApplicationScoped
public class VreadInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final ResourceStore store;

    public VreadInteraction(Mutiny.SessionFactory sessions, ResourceStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.VREAD);
    }

    public Uni<StoredResource> vread(String type, String id, String versionId) {
        ResourceTypes.requireValidId(id);
        return sessions.withSession(session -> execute(session, type, id, versionId));
    }

    public Uni<StoredResource> execute(Mutiny.Session session, String type, String id, String versionId) {
        int version = parseVersion(type, id, versionId);
        return store.findVersion(session, type, id, version)
                .map(found -> {
                    if (found == null) {
                        throw ResourceStore.notFound(type + "/" + id + " has no version " + versionId);
                    }
                    StoredResource stored = StoredResource.of(found);
                    if (stored.deleted()) {
                        throw ResourceStore.gone(stored);
                    }
                    return stored;
                });
    }

    private static int parseVersion(String type, String id, String versionId) {
        try {
            return Integer.parseInt(versionId);
        } catch (NumberFormatException e) {
            throw ResourceStore.notFound(type + "/" + id + " has no version " + versionId);
        }
    }
}
