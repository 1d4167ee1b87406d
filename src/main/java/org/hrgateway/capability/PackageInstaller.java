package org.hrgateway.capability;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.conformance.PackagePublished;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.index.IndexExtractor;
import org.hrgateway.store.InstalledPackageStore;
import org.hrgateway.store.ResourceEntity;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.NewResource;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the profile package's conformance resources at the gateway's base when it starts, as
 * ordinary stored resources (read, searched by url, used by `:in` and the terminology operations)
 * that clients cannot change. A resource whose package content changed gets a new version; an
 * unchanged one is left alone, so restarts and gateways sharing a database write nothing.
 */
@ApplicationScoped
public class PackageInstaller {

    private static final Logger LOG = Logger.getLogger(PackageInstaller.class);

    private final ProfilePackage profiles;
    private final ResourceStore store;
    private final ResourceCodec codec;
    private final IndexExtractor extractor;
    private final BlockingWork blocking;
    private final Mutiny.SessionFactory sessions;
    private final Event<PackagePublished> published;
    private final InstalledPackageStore installedPackages;
    private volatile boolean installed;

    public PackageInstaller(ProfilePackage profiles, ResourceStore store, ResourceCodec codec, IndexExtractor extractor,
                            BlockingWork blocking, Mutiny.SessionFactory sessions, Event<PackagePublished> published,
                            InstalledPackageStore installedPackages) {
        this.profiles = profiles;
        this.store = store;
        this.codec = codec;
        this.extractor = extractor;
        this.blocking = blocking;
        this.sessions = sessions;
        this.published = published;
        this.installedPackages = installedPackages;
    }

    /** True once every package resource is stored as the package has it. */
    public boolean installed() {
        return installed;
    }

    void onStart(@Observes StartupEvent event) {
        long started = System.nanoTime();
        // Hibernate Reactive needs a duplicated Vert.x context, which a startup observer lacks.
        VertxContextSupport.subscribe(() -> install().toMulti(), subscribe -> subscribe.with(
                changed -> {
                    installed = true;
                    LOG.infof("Profile package %s published: %d resources, %d written, in %d ms", profiles.label(),
                            profiles.resources().size(), changed, (System.nanoTime() - started) / 1_000_000);
                    published.fire(new PackagePublished(profiles.label()));
                },
                failure -> LOG.error("Profile package " + profiles.label() + " could not be published", failure)));
    }

    /**
     * Writes what differs from the store; emits how many resources were written. When the store
     * records that this very content was installed (same digest), nothing is read or compared.
     */
    public Uni<Integer> install() {
        // The package is read and parsed on first use: on a worker, not on the event loop.
        return blocking.run(profiles::digest)
                .chain(digest -> sessions.withSession(session -> installedPackages.digest(session, profiles.name()))
                        .chain(recorded -> digest.equals(recorded) ? Uni.createFrom().item(0) : installChanged()));
    }

    private Uni<Integer> installChanged() {
        // Index extraction (FHIRPath) is blocking work: all of it on a worker, before the transaction.
        return blocking.run(() -> profiles.resources().stream()
                        .map(resource -> new NewResource(resource.fhirType(), resource.getIdElement().getIdPart(),
                                resource.copy(), extractor.extract(resource), "PUT"))
                        .toList())
                .chain(prepared -> sessions.withTransaction(session -> installAll(session, prepared)
                        .call(() -> installedPackages.record(session, profiles.name(), profiles.label(), profiles.digest()))));
    }

    private Uni<Integer> installAll(Mutiny.Session session, List<NewResource> prepared) {
        AtomicInteger written = new AtomicInteger();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NewResource resource : prepared) {
            chain = chain.chain(() -> store.findForUpdate(session, resource.type(), resource.id())
                    .chain(current -> (current == null || current.deleted ? Uni.createFrom().item(false)
                            : blocking.run(() -> unchanged(current, resource.resource())))
                            .chain(unchanged -> {
                                if (unchanged) {
                                    return Uni.createFrom().voidItem();
                                }
                                written.incrementAndGet();
                                return store.install(session, current, resource).replaceWithVoid();
                            })));
        }
        return chain.map(ignored -> written.get());
    }

    private boolean unchanged(ResourceEntity current, Resource packaged) {
        Resource stored = codec.parseStored(current.content);
        Resource comparable = packaged.copy();
        stored.setMeta(null);
        comparable.setMeta(null);
        stored.setIdElement(null);
        comparable.setIdElement(null);
        return stored.equalsDeep(comparable);
    }
}
