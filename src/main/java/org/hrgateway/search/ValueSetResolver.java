package org.hrgateway.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.ValueSet;
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

    private final CanonicalResources canonical;

    public ValueSetResolver(CanonicalResources canonical) {
        this.canonical = canonical;
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
            chain = chain.chain(() -> canonical.find(session, "ValueSet", url)
                    .invoke(found -> found.ifPresent(valueSet -> resolved.put(url, codesOf((ValueSet) valueSet))))
                    .replaceWithVoid());
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
