package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.HttpStatusException;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;

import java.util.ArrayList;
import java.util.List;

/**
 * `POST [base]` with a Bundle: checks it is a transaction or a batch within the size limit, takes its
 * entries apart and hands them to the transaction or the batch interaction.
 */
@ApplicationScoped
public class BundleInteraction {

    private final BlockingWork blocking;
    private final ResourceCodec codec;
    private final ResourceTypes types;
    private final GatewayConfig config;
    private final TransactionInteraction transaction;
    private final BatchInteraction batch;

    public BundleInteraction(BlockingWork blocking, ResourceCodec codec, ResourceTypes types, GatewayConfig config,
                             TransactionInteraction transaction, BatchInteraction batch) {
        this.blocking = blocking;
        this.codec = codec;
        this.types = types;
        this.config = config;
        this.transaction = transaction;
        this.batch = batch;
    }

    /** The response Bundle's type and one result per entry, in request order. */
    public record Processed(Bundle.BundleType responseType, List<EntryResult> results) {
    }

    /**
     * Scopes apply entry by entry: in a transaction an entry the caller may not do fails it whole
     * (403), in a batch that entry answers 403 and the others run.
     */
    public Uni<Processed> process(String body, String contentType, String baseUrl, Caller caller) {
        return blocking.run(() -> requireBundle(codec.parse(body, contentType)))
                .chain(bundle -> switch (bundle.getType()) {
                    case TRANSACTION -> transaction.transaction(entriesOf(bundle, baseUrl, caller), baseUrl, caller)
                            .map(results -> new Processed(Bundle.BundleType.TRANSACTIONRESPONSE, results));
                    case BATCH -> batch.batch(batchEntriesOf(bundle, baseUrl, caller), baseUrl, caller)
                            .map(results -> new Processed(Bundle.BundleType.BATCHRESPONSE, results));
                    default -> Uni.createFrom().failure(invalid("A Bundle posted to the base must be of type "
                            + "transaction or batch, not " + bundle.getType().toCode()));
                });
    }

    private Bundle requireBundle(Resource resource) {
        if (!(resource instanceof Bundle bundle)) {
            throw invalid("Only a Bundle may be posted to the base, not a " + resource.fhirType());
        }
        if (!bundle.hasType()) {
            throw invalid("The Bundle has no type; use transaction or batch");
        }
        int limit = config.limits().maxBundleEntries();
        if (bundle.getEntry().size() > limit) {
            throw HttpStatusException.payloadTooLarge("The Bundle has " + bundle.getEntry().size()
                    + " entries; at most " + limit + " are accepted");
        }
        return bundle;
    }

    private List<EntryRequest> entriesOf(Bundle bundle, String baseUrl, Caller caller) {
        List<EntryRequest> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            entries.add(allowed(EntryRequest.parse(i, bundle.getEntry().get(i), types, baseUrl), caller));
        }
        return entries;
    }

    private static EntryRequest allowed(EntryRequest entry, Caller caller) {
        if (!Access.allows(caller, entry.type(), entry.permission())) {
            throw Access.forbidden(entry.label() + ": the token's scopes do not allow it (needs "
                    + entry.type() + "." + entry.permission().letter() + ")");
        }
        return entry;
    }

    /** In a batch a malformed entry fails alone, so it is kept with its error rather than thrown. */
    private List<BatchInteraction.EntryOrError> batchEntriesOf(Bundle bundle, String baseUrl, Caller caller) {
        List<BatchInteraction.EntryOrError> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            try {
                entries.add(new BatchInteraction.EntryOrError(
                        allowed(EntryRequest.parse(i, bundle.getEntry().get(i), types, baseUrl), caller), null));
            } catch (RuntimeException e) {
                entries.add(new BatchInteraction.EntryOrError(null, e));
            }
        }
        return entries;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
