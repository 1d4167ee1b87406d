package org.hrgateway.search;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.store.NativeSql;

import java.util.List;

/**
 * Refuses to delete a resource that others still reference (a Patient with results, an Organization
 * that performed them), so that no lab result is orphaned. Reads the reference index, which holds
 * rows for current, non-deleted resources only. An AuditEvent does not keep what it names: it records
 * that a Patient was read at the time, and every read of a Patient leaves one.
 */
@ApplicationScoped
public class ReferentialIntegrity {

    private static final String REFERRER = "select r.res_type, r.res_id, i.param from idx_reference i"
            + " join resource r on r.pk = i.resource_pk"
            + " where i.target_type = ?1 and i.target_id = ?2 and not (r.res_type = ?1 and r.res_id = ?2)"
            + " and i.res_type <> 'AuditEvent'"
            + " and (i.target_url is null or i.target_url = ?3) limit 1";

    /**
     * Fails with 409 naming a referrer when `type/id` is still referenced, relatively or by its
     * absolute URL on this server (`baseUrl`); `Patient/1` on another gateway is another resource.
     */
    public Uni<Void> requireUnreferenced(Mutiny.Session session, String type, String id, String baseUrl) {
        return NativeSql.rows(session, REFERRER, List.of(type, id, baseUrl + "/" + type + "/" + id))
                .invoke(rows -> {
                    if (!rows.isEmpty()) {
                        Object[] referrer = rows.get(0);
                        String message = type + "/" + id + " cannot be deleted: " + referrer[0] + "/" + referrer[1]
                                + " still refers to it (" + referrer[2] + "). Delete or update the referring resources first.";
                        throw new ResourceVersionConflictException(message, null,
                                Outcomes.error(IssueType.CONFLICT, message));
                    }
                })
                .replaceWithVoid();
    }
}
