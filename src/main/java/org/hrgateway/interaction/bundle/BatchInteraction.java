package org.hrgateway.interaction.bundle;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hrgateway.interaction.DeclaresInteractions;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.ReadInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.UpdateInteraction;
import org.hrgateway.interaction.VreadInteraction;
import org.hrgateway.security.Caller;

import java.util.List;
import java.util.Set;

/**
 * FHIR batch interaction. https://hl7.org/fhir/R4/http.html#transaction
 * Each entry runs on its own, in its own database transaction; one entry's failure becomes that
 * entry's response and leaves the others as they went.
 */
@ApplicationScoped
public class BatchInteraction implements DeclaresInteractions {

    private final BlockingWork blocking;
    private final ResourcePreparer preparer;
    private final CreateInteraction create;
    private final UpdateInteraction update;
    private final DeleteInteraction delete;
    private final ReadInteraction read;
    private final VreadInteraction vread;

    public BatchInteraction(BlockingWork blocking, ResourcePreparer preparer, CreateInteraction create,
                            UpdateInteraction update, DeleteInteraction delete, ReadInteraction read,
                            VreadInteraction vread) {
        this.blocking = blocking;
        this.preparer = preparer;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.read = read;
        this.vread = vread;
    }

    @Override
    public Set<SystemRestfulInteraction> systemInteractions() {
        return Set.of(SystemRestfulInteraction.BATCH);
    }

    /** `parsed` holds each entry's request, or the error that kept it from being understood. */
    public Uni<List<EntryResult>> batch(List<EntryOrError> parsed, String baseUrl, Caller caller) {
        return Multi.createFrom().iterable(parsed)
                .onItem().transformToUniAndConcatenate(item -> run(item, baseUrl, caller))
                .collect().asList();
    }

    private Uni<EntryResult> run(EntryOrError item, String baseUrl, Caller caller) {
        if (item.error() != null) {
            return Uni.createFrom().item(EntryResult.failed(null, item.error()));
        }
        EntryRequest entry = item.request();
        return execute(entry, baseUrl, caller)
                .onFailure().recoverWithItem(failure -> EntryResult.failed(entry, failure));
    }

    private Uni<EntryResult> execute(EntryRequest entry, String baseUrl, Caller caller) {
        return switch (entry.method()) {
            case POST -> blocking.run(() -> preparer.prepareNow(entry.resource()))
                    .chain(prepared -> create.create(entry.type(), prepared, entry.ifNoneExist(), baseUrl, caller))
                    .map(outcome -> EntryResult.written(entry, outcome));
            case PUT -> blocking.run(() -> preparer.prepareNow(entry.resource()))
                    .chain(prepared -> entry.isConditional()
                            ? update.updateConditional(entry.type(), entry.query(), prepared, baseUrl, caller)
                            : update.update(entry.type(), entry.id(), prepared, entry.ifMatch(), baseUrl, caller))
                    .map(outcome -> EntryResult.written(entry, outcome));
            case DELETE -> (entry.isConditional()
                    ? delete.deleteConditional(entry.type(), entry.query(), baseUrl, caller)
                    : delete.delete(entry.type(), entry.id(), baseUrl, caller))
                    .map(outcome -> EntryResult.written(entry, outcome));
            case GET -> (entry.versionId() == null
                    ? read.read(entry.type(), entry.id())
                    : vread.vread(entry.type(), entry.id(), entry.versionId()))
                    .map(stored -> EntryResult.read(entry, stored));
            default -> Uni.createFrom().failure(EntryRequest.invalid(entry.index(), "unsupported method"));
        };
    }

    /** A batch entry as parsed: its request, or why it could not be read. */
    public record EntryOrError(EntryRequest request, RuntimeException error) {
    }
}
