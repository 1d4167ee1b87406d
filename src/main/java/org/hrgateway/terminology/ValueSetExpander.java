package org.hrgateway.terminology;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a ValueSet over what the server holds: enumerated concepts, whole held code systems and
 * imported value sets, minus the excludes. Filters and code systems the server does not hold (all
 * of LOINC) cannot be expanded here and say so (422).
 */
@ApplicationScoped
public class ValueSetExpander {

    private static final int MAX_DEPTH = 8;

    /** One code of an expansion. */
    public record Concept(String system, String code, String display) {
        String key() {
            return system + "|" + code;
        }
    }

    private final TerminologySource source;

    public ValueSetExpander(TerminologySource source) {
        this.source = source;
    }

    /** Every concept of `valueSet`, in the order its compose lists them, without duplicates. */
    public Uni<List<Concept>> expand(ValueSet valueSet) {
        return expand(valueSet, 0).map(concepts -> List.copyOf(concepts.values()));
    }

    private Uni<Map<String, Concept>> expand(ValueSet valueSet, int depth) {
        if (depth > MAX_DEPTH) {
            return Uni.createFrom().failure(cannot(valueSet, "its imports nest deeper than " + MAX_DEPTH));
        }
        if (!valueSet.hasCompose() && valueSet.hasExpansion()) {
            Map<String, Concept> given = new LinkedHashMap<>();
            valueSet.getExpansion().getContains().forEach(c -> put(given, new Concept(c.getSystem(), c.getCode(), c.getDisplay())));
            return Uni.createFrom().item(given);
        }
        Uni<Map<String, Concept>> included = Uni.createFrom().item(new LinkedHashMap<>());
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            included = included.chain(sofar -> concepts(valueSet, include, depth).map(more -> {
                more.values().forEach(concept -> put(sofar, concept));
                return sofar;
            }));
        }
        for (ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            included = included.chain(sofar -> concepts(valueSet, exclude, depth).map(less -> {
                less.keySet().forEach(sofar::remove);
                return sofar;
            }));
        }
        return included;
    }

    /** The concepts one include (or exclude) names: its system's, narrowed by its imported value sets. */
    private Uni<Map<String, Concept>> concepts(ValueSet owner, ConceptSetComponent set, int depth) {
        if (set.hasFilter()) {
            return Uni.createFrom().failure(cannot(owner, "compose filters are not supported by this server"));
        }
        Uni<Map<String, Concept>> fromSystem;
        if (!set.hasSystem()) {
            fromSystem = Uni.createFrom().nullItem();
        } else if (set.hasConcept()) {
            Map<String, Concept> listed = new LinkedHashMap<>();
            set.getConcept().forEach(c -> put(listed, new Concept(set.getSystem(), c.getCode(), c.getDisplay())));
            fromSystem = Uni.createFrom().item(listed);
        } else {
            fromSystem = source.codeSystem(set.getSystem()).map(found -> {
                CodeSystem codeSystem = found.filter(cs -> cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE)
                        .orElseThrow(() -> cannot(owner, "it includes all of " + set.getSystem()
                                + ", a code system this server does not hold in full"));
                Map<String, Concept> all = new LinkedHashMap<>();
                addAll(set.getSystem(), codeSystem.getConcept(), all);
                return all;
            });
        }
        Uni<Map<String, Concept>> result = fromSystem;
        for (CanonicalType imported : set.getValueSet()) {
            result = result.chain(sofar -> source.valueSet(imported.getValue())
                    .chain(found -> expand(found.orElseThrow(() -> cannot(owner, "it imports "
                            + imported.getValue() + ", a value set this server does not hold")), depth + 1))
                    .map(importedConcepts -> {
                        if (sofar == null) {
                            return importedConcepts;
                        }
                        Map<String, Concept> both = new LinkedHashMap<>(sofar);
                        both.keySet().retainAll(importedConcepts.keySet());
                        return both;
                    }));
        }
        return result.map(concepts -> concepts == null ? new LinkedHashMap<>() : concepts);
    }

    private static void addAll(String system, List<ConceptDefinitionComponent> concepts, Map<String, Concept> into) {
        for (ConceptDefinitionComponent concept : concepts) {
            put(into, new Concept(system, concept.getCode(), concept.getDisplay()));
            addAll(system, concept.getConcept(), into);
        }
    }

    private static void put(Map<String, Concept> into, Concept concept) {
        into.putIfAbsent(concept.key(), concept);
    }

    static UnprocessableEntityException cannot(ValueSet valueSet, String why) {
        return new UnprocessableEntityException("Cannot expand " + (valueSet.hasUrl() ? valueSet.getUrl()
                : "the ValueSet") + ": " + why);
    }

    public static List<Concept> page(List<Concept> all, int offset, int count) {
        if (offset >= all.size()) {
            return new ArrayList<>();
        }
        return all.subList(offset, Math.min(all.size(), offset + count));
    }
}
