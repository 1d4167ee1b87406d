package org.hrgateway.terminology;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.store.NativeSql;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.interaction.ReadInteraction;

import java.util.List;
import java.util.Optional;

/**
 * The ValueSets and CodeSystems the server holds: those stored (the profile package's among them,
 * published at start) found by id or canonical URL. LOINC supplements come from the package.
 */
@ApplicationScoped
public class TerminologySource {

    private static final String BY_URL = "select r.content from resource r join idx_uri u on u.resource_pk = r.pk"
            + " where u.res_type = ?1 and u.param = 'url' and u.uri = ?2 and r.res_type = ?1 and not r.deleted"
            + " order by r.last_updated desc limit 1";

    private final Mutiny.SessionFactory sessions;
    private final ResourceCodec codec;
    private final ReadInteraction read;
    private final ProfilePackage profiles;
    private final BlockingWork blocking;

    public TerminologySource(Mutiny.SessionFactory sessions, ResourceCodec codec, ReadInteraction read,
                             ProfilePackage profiles, BlockingWork blocking) {
        this.blocking = blocking;
        this.sessions = sessions;
        this.codec = codec;
        this.read = read;
        this.profiles = profiles;
    }

    public Uni<ValueSet> valueSetById(String id) {
        return read.read("ValueSet", id).chain(stored -> parse(stored.json())).map(ValueSet.class::cast);
    }

    public Uni<CodeSystem> codeSystemById(String id) {
        return read.read("CodeSystem", id).chain(stored -> parse(stored.json())).map(CodeSystem.class::cast);
    }

    /** The held ValueSet of canonical `url` (a `|version` suffix is ignored), if any. */
    public Uni<Optional<ValueSet>> valueSet(String url) {
        return byUrl("ValueSet", url).map(found -> found.map(ValueSet.class::cast));
    }

    /** The held CodeSystem of canonical `url`, if any. */
    public Uni<Optional<CodeSystem>> codeSystem(String url) {
        return byUrl("CodeSystem", url).map(found -> found.map(CodeSystem.class::cast));
    }

    /** The package's supplements of `system` (mr-lab-items supplements LOINC). */
    public List<CodeSystem> supplementsOf(String system) {
        return profiles.resourcesOf(CodeSystem.class).stream()
                .filter(codeSystem -> system.equals(codeSystem.getSupplements())).toList();
    }

    private Uni<Optional<Resource>> byUrl(String type, String url) {
        String unversioned = url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
        return sessions.withSession(session -> NativeSql.values(session, BY_URL, List.of(type, unversioned), String.class))
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(Optional.<Resource>empty())
                        : parse(rows.get(0)).map(Optional::of));
    }

    /** Parsing is CPU work (a catalogue is sizeable): on a worker, back on the caller's context. */
    private Uni<Resource> parse(String json) {
        return blocking.run(() -> codec.parseStored(json));
    }
}
