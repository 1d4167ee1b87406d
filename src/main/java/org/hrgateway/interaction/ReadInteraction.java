package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.StoredResource;

/** FHIR read interaction. https://hl7.org/fhir/R4/http.html#read */
@ApplicationScoped
public class ReadInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final ResourceStore store;

    public ReadInteraction(Mutiny.SessionFactory sessions, ResourceStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.READ);
    }

    public Uni<StoredResource> read(String type, String id) {
        ResourceTypes.requireValidId(id);
        return sessions.withSession(session -> execute(session, type, id));
    }

    public Uni<StoredResource> execute(Mutiny.Session session, String type, String id) {
        return store.current(session, type, id);
    }
}
