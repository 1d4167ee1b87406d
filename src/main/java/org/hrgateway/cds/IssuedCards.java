package org.hrgateway.cds;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements on `cds_card` (V10), the one place that names it: each card given, so that its
 * feedback, which names only the card's uuid, can be recorded as what the card was about.
 */
@ApplicationScoped
public class IssuedCards {

    /** A card given: whom and what it was about. `patient` is `Patient/[id]` here, or null. */
    public record Card(UUID uuid, String service, String patient, String residentId, String item, String result,
                       String draftOrder, String fhirServer, String practitioner, String requester, String feedback) {
    }

    private final Pool pool;

    public IssuedCards(Pool pool) {
        this.pool = pool;
    }

    /** Keeps the cards of one answer, with one statement, before the answer leaves. */
    Uni<Void> keep(List<Card> cards) {
        if (cards.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("insert into cds_card (uuid, service, patient, resident_id, item, result, draft_order,"
                        + " fhir_server, practitioner, requester) select * from unnest($1::uuid[], $2::text[], $3::text[],"
                        + " $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])")
                .execute(Tuple.tuple(List.of(
                        cards.stream().map(Card::uuid).toArray(UUID[]::new),
                        cards.stream().map(Card::service).toArray(String[]::new),
                        cards.stream().map(Card::patient).toArray(String[]::new),
                        cards.stream().map(Card::residentId).toArray(String[]::new),
                        cards.stream().map(Card::item).toArray(String[]::new),
                        cards.stream().map(Card::result).toArray(String[]::new),
                        cards.stream().map(Card::draftOrder).toArray(String[]::new),
                        cards.stream().map(Card::fhirServer).toArray(String[]::new),
                        cards.stream().map(Card::practitioner).toArray(String[]::new),
                        cards.stream().map(Card::requester).toArray(String[]::new))))
                .replaceWithVoid();
    }

    Uni<Optional<Card>> find(String service, UUID uuid) {
        return pool.preparedQuery("select uuid, service, patient, resident_id, item, result, draft_order, fhir_server,"
                        + " practitioner, requester, feedback from cds_card where uuid = $1 and service = $2")
                .execute(Tuple.of(uuid, service))
                .map(rows -> rows.size() == 0 ? Optional.<Card>empty() : Optional.of(card(rows.iterator().next())));
    }

    /**
     * Claims the card for `outcome`, unless its feedback was recorded already (a client sending it
     * again, or at the same time): true when this call may record it.
     */
    Uni<Boolean> claim(UUID uuid, String outcome) {
        return pool.preparedQuery("update cds_card set feedback = $2, feedback_at = $3 where uuid = $1 and feedback is null")
                .execute(Tuple.of(uuid, outcome, OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** What the claimed feedback was recorded as. */
    Uni<Void> recorded(UUID uuid, String recorded) {
        return pool.preparedQuery("update cds_card set recorded = $2 where uuid = $1")
                .execute(Tuple.of(uuid, recorded)).replaceWithVoid();
    }

    /** Gives a claim back when recording its feedback failed, so that the client may send it again. */
    Uni<Void> release(UUID uuid) {
        return pool.preparedQuery("update cds_card set feedback = null, feedback_at = null where uuid = $1 and recorded is null")
                .execute(Tuple.of(uuid)).replaceWithVoid();
    }

    private static Card card(Row row) {
        return new Card(row.getUUID("uuid"), row.getString("service"), row.getString("patient"),
                row.getString("resident_id"), row.getString("item"), row.getString("result"),
                row.getString("draft_order"), row.getString("fhir_server"), row.getString("practitioner"),
                row.getString("requester"), row.getString("feedback"));
    }
}
