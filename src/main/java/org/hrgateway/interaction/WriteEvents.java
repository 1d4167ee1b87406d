package org.hrgateway.interaction;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The one place a committed write is announced: each interaction that commits calls {@link #committed}
 * with its outcome, and every {@link WriteListener} that wants that type and status is told, in turn.
 * The stored version is parsed only when some listener wants it. A listener's failure is logged and
 * leaves the answer as it was: the write is committed and must not be reported as failed, or the
 * client would send it again.
 */
@ApplicationScoped
public class WriteEvents {

    private static final Logger LOG = Logger.getLogger(WriteEvents.class);

    private final List<WriteListener> listeners;
    private final BlockingWork blocking;
    private final ResourceCodec codec;

    public WriteEvents(@All List<WriteListener> listeners, BlockingWork blocking, ResourceCodec codec) {
        this.listeners = listeners;
        this.blocking = blocking;
        this.codec = codec;
    }

    /** After `outcome`'s transaction committed. */
    public Uni<WriteOutcome> committed(WriteOutcome outcome, String baseUrl) {
        if (outcome == null || outcome.stored() == null) {
            return Uni.createFrom().item(outcome);
        }
        List<WriteListener> interested = listeners.stream()
                .filter(listener -> listener.wants(outcome.stored().type(), outcome.status())).toList();
        if (interested.isEmpty()) {
            return Uni.createFrom().item(outcome);
        }
        return blocking.run(() -> codec.parseStored(outcome.stored().json()))
                .chain(stored -> {
                    Uni<WriteOutcome> chain = Uni.createFrom().item(outcome);
                    for (WriteListener listener : interested) {
                        chain = chain.chain(current -> listener.committed(stored, current, baseUrl)
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.error(listener.getClass().getSimpleName() + " failed after "
                                            + outcome.stored().type() + "/" + outcome.stored().id() + " was written", failure);
                                    return current;
                                }));
                    }
                    return chain;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("Listeners of " + outcome.stored().type() + "/" + outcome.stored().id() + " not told", failure);
                    return outcome;
                });
    }
}
