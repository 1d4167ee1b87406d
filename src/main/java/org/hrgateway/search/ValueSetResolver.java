package org.hrgateway.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.store.NativeSql;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.query.Criterion;
import org.hrgateway.search.query.ValueSetCodes;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the ValueSets that `:in` / `:not-in` criteria name, among the ValueSets this server holds
 * (by canonical URL), and lists their codes: the expansion when the ValueSet carries one, else the
 * codes and whole systems its compose includes.
 */
@ApplicationScoped
public class ValueSetResolver {

    private static final String BY_URL = "select r.content from resource r join idx_uri u on u.resource_pk = r.pk"
            + " where u.res_type = 'ValueSet' and u.param = 'url' and u.uri = ?1 and not r.deleted limit 1";

    private final ResourceCodec codec;
    private final BlockingWork blocking;

    public ValueSetResolver(ResourceCodec codec, BlockingWork blocking) {
        this.codec = codec;
        this.blocking = blocking;
    }

    /** Every ValueSet URL named by an `:in` / `:not-in` criterion, chains and `_has` included. */
    public static Set<String> urlsOf(List<Criterion> criteria) {
        Set<String> urls = new LinkedHashSet<>();
        for (Criterion criterion : criteria) {
            if ("in".equals(criterion.modifier()) || "not-in".equals(criterion.modifier())) {
                urls.addAll(criterion.values());
            }
            if (criterion.chain() != null) {
                urls.addAll(urlsOf(List.of(criterion.chain().inner())));
            }
            if (criterion.has() != null) {
                urls.addAll(urlsOf(List.of(criterion.has().inner())));
            }
        }
        return urls;
    }

    /** The codes of each URL that names a held ValueSet; unknown URLs are left out (the query then says so). */
    public Uni<Map<String, ValueSetCodes>> resolve(Mutiny.Session session, Set<String> urls) {
        Map<String, ValueSetCodes> resolved = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String url : urls) {
            chain = chain.chain(() -> NativeSql.values(session, BY_URL, List.of(url), String.class)
                    .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                            // Parsing a ValueSet is CPU work: on a worker, back on the session's context.
                            : blocking.run(() -> codesOf((ValueSet) codec.parseStored(rows.get(0))))
                                    .invoke(codes -> resolved.put(url, codes)).replaceWithVoid()));
        }
        return chain.replaceWith(resolved);
    }

    static ValueSetCodes codesOf(ValueSet valueSet) {
        Map<String, Set<String>> codes = new HashMap<>();
        Set<String> wholeSystems = new LinkedHashSet<>();
        if (valueSet.hasExpansion()) {
            addExpansion(valueSet.getExpansion().getContains(), codes);
        } else {
            for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
                if (!include.hasSystem()) {
                    continue; // includes by other ValueSets need a terminology service
                }
                if (include.hasConcept()) {
                    include.getConcept().forEach(concept ->
                            codes.computeIfAbsent(include.getSystem(), s -> new LinkedHashSet<>()).add(concept.getCode()));
                } else if (!include.hasFilter()) {
                    wholeSystems.add(include.getSystem());
                }
            }
        }
        return new ValueSetCodes(codes, wholeSystems);
    }

    private static void addExpansion(List<ValueSet.ValueSetExpansionContainsComponent> contains,
                                     Map<String, Set<String>> codes) {
        for (ValueSet.ValueSetExpansionContainsComponent entry : contains) {
            if (entry.hasSystem() && entry.hasCode()) {
                codes.computeIfAbsent(entry.getSystem(), s -> new LinkedHashSet<>()).add(entry.getCode());
            }
            addExpansion(entry.getContains(), codes);
        }
    }
}
