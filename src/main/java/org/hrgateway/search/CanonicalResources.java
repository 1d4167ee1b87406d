package org.hrgateway.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.store.NativeSql;

import java.util.List;
import java.util.Optional;

/**
 * The one lookup of a conformance resource by its canonical URL (`url` or `url|version`), for the
 * terminology operations and for `:in` searches alike. The rule: of the current, not deleted
 * resources of that type and URL, with the version when one is given, the most recently updated wins.
 */
@ApplicationScoped
public class CanonicalResources {

    private static final String NEWEST = """
            select r.content from resource r
             where r.res_type = ?1 and not r.deleted
               and exists (select 1 from idx_uri u
                            where u.resource_pk = r.pk and u.res_type = ?1 and u.param = 'url' and u.uri = ?2)
               and (cast(?3 as text) is null or exists (select 1 from idx_token v
                            where v.resource_pk = r.pk and v.res_type = ?1 and v.param = 'version' and v.code = ?3))
             order by r.last_updated desc, r.pk desc
             limit 1""";

    private final ResourceCodec codec;
    private final BlockingWork blocking;

    public CanonicalResources(ResourceCodec codec, BlockingWork blocking) {
        this.codec = codec;
        this.blocking = blocking;
    }

    /** The resource of `type` that `canonical` names, parsed on a worker; empty when none is held. */
    public Uni<Optional<Resource>> find(Mutiny.Session session, String type, String canonical) {
        int bar = canonical.indexOf('|');
        String url = bar < 0 ? canonical : canonical.substring(0, bar);
        String version = bar < 0 || bar == canonical.length() - 1 ? null : canonical.substring(bar + 1);
        return NativeSql.values(session, NEWEST, java.util.Arrays.asList(type, url, version), String.class)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(Optional.<Resource>empty())
                        // Parsing a ValueSet or CodeSystem is CPU work: on a worker, back on the session's context.
                        : blocking.run(() -> Optional.of(codec.parseStored(rows.get(0)))));
    }
}
