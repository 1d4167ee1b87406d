package org.hrgateway.conformance;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mutually recognized test items, read from the package's CodeSystem `mr-lab-items` (a
 * supplement of LOINC: each LOINC code with its category and validity window) and checked against
 * the ValueSet of the same id that profiles bind to.
 */
public final class LabItemCatalogue {

    public static final String ID = "mr-lab-items";

    /**
     * One test item: a LOINC code, its display, professional category and validity in days, and its
     * names in other languages (the concept's designations, by language tag: `zh`).
     */
    public record Item(String code, String display, String category, int validityDays, Map<String, String> names) {

        public Item {
            names = Map.copyOf(names);
        }

        /** Its name in `language` (`zh`, `en`), where the package gives one; else its display. */
        public String name(String language) {
            return names.getOrDefault(language, display);
        }
    }

    private final String system;
    private final Map<String, Item> items;

    private LabItemCatalogue(String system, Map<String, Item> items) {
        this.system = system;
        this.items = items;
    }

    /**
     * The catalogue of `profiles`; the package must hold CodeSystem and ValueSet `mr-lab-items`.
     * Built once, by the package itself: use {@link ProfilePackage#catalogue()}.
     */
    private static LabItemCatalogue of(ProfilePackage profiles) {
        CodeSystem codeSystem = codeSystem(profiles);
        Map<String, Item> items = new LinkedHashMap<>();
        for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
            items.put(concept.getCode(), new Item(concept.getCode(), concept.getDisplay(),
                    property(concept, "category").map(p -> p.getValue().primitiveValue()).orElseThrow(
                            () -> missing(concept, "category")),
                    property(concept, "validity-days").map(p -> Integer.parseInt(p.getValue().primitiveValue()))
                            .orElseThrow(() -> missing(concept, "validity-days")), names(concept)));
        }
        String system = codeSystem.hasSupplements() ? codeSystem.getSupplements() : codeSystem.getUrl();
        return new LabItemCatalogue(system, items);
    }

    /**
     * Refuses a package whose ValueSet and CodeSystem `mr-lab-items` list different codes, or whose
     * items lack a category or validity window: an item added to one file only would otherwise be
     * validated but never recognized, or the other way round. Answers the catalogue.
     */
    public static LabItemCatalogue requireConsistent(ProfilePackage profiles) {
        LabItemCatalogue catalogue = of(profiles);
        ValueSet valueSet = profiles.resource(ValueSet.class, ID)
                .orElseThrow(() -> new IllegalStateException("The profile package has no ValueSet " + ID));
        Set<String> listed = new TreeSet<>();
        valueSet.getCompose().getInclude().forEach(include -> {
            if (!catalogue.system.equals(include.getSystem())) {
                throw new IllegalStateException("ValueSet " + ID + " includes " + include.getSystem()
                        + "; the catalogue's codes are of " + catalogue.system);
            }
            include.getConcept().forEach(concept -> listed.add(concept.getCode()));
        });
        if (!listed.equals(new TreeSet<>(catalogue.items.keySet()))) {
            Set<String> onlyInValueSet = new TreeSet<>(listed);
            onlyInValueSet.removeAll(catalogue.items.keySet());
            Set<String> onlyInCodeSystem = new TreeSet<>(catalogue.items.keySet());
            onlyInCodeSystem.removeAll(listed);
            throw new IllegalStateException("The profile package's ValueSet and CodeSystem " + ID
                    + " disagree: only in the ValueSet " + onlyInValueSet + ", only in the CodeSystem " + onlyInCodeSystem);
        }
        return catalogue;
    }

    /** The code system of the items' codes (LOINC). */
    public String system() {
        return system;
    }

    public Optional<Item> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    public Collection<Item> items() {
        return items.values();
    }

    private static Map<String, String> names(ConceptDefinitionComponent concept) {
        Map<String, String> names = new LinkedHashMap<>();
        concept.getDesignation().stream().filter(designation -> designation.hasLanguage() && designation.hasValue())
                .forEach(designation -> names.putIfAbsent(designation.getLanguage(), designation.getValue()));
        return names;
    }

    private static CodeSystem codeSystem(ProfilePackage profiles) {
        return profiles.resource(CodeSystem.class, ID)
                .orElseThrow(() -> new IllegalStateException("The profile package has no CodeSystem " + ID));
    }

    private static Optional<ConceptPropertyComponent> property(ConceptDefinitionComponent concept, String code) {
        return concept.getProperty().stream().filter(p -> code.equals(p.getCode()) && p.hasValue()).findFirst();
    }

    private static IllegalStateException missing(ConceptDefinitionComponent concept, String property) {
        return new IllegalStateException("Item " + concept.getCode() + " of CodeSystem " + ID + " has no " + property);
    }
}
