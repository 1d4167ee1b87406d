package org.hrgateway.validation.compiled;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.validation.ProfileValidator.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One resource checked against one compiled profile: walks the instance and its rules together,
 * the way HAPI's validator walks the snapshot, and collects a finding per broken rule. Each finding's
 * message id names the rule (an invariant key, "cardinality", "binding", ...).
 */
final class InstanceCheck {

    private static final Pattern LITERAL_REFERENCE = Pattern.compile(
            "(?:.*/)?([A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]{1,64}(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

    private final CompiledStructures structures;
    private final CodedValues codes;
    private final Invariants invariants;
    private final Set<String> resourceTypes;
    private final Resource resource;
    private final List<Finding> findings = new ArrayList<>();

    InstanceCheck(CompiledStructures structures, CodedValues codes, Invariants invariants, Set<String> resourceTypes,
                  Resource resource) {
        this.structures = structures;
        this.codes = codes;
        this.invariants = invariants;
        this.resourceTypes = resourceTypes;
        this.resource = resource;
    }

    List<Finding> against(CompiledStructure profile) {
        if (resource instanceof DomainResource domain && (domain.hasContained() || domain.hasText())) {
            throw new OutsideFastPath("contained resources and narrative are checked by HAPI");
        }
        element(resource, List.of(profile.root()), profile, resource.fhirType());
        return findings;
    }

    /** `rules`: the element's rule, then the matched slice's, then an extension definition's root. */
    private void element(Base value, List<ElementRule> rules, CompiledStructure owner, String location) {
        Set<String> evaluated = new HashSet<>();
        for (ElementRule rule : rules) {
            checkInvariants(rule, value, location, evaluated);
            checkFixedAndPattern(rule, value, location);
            checkType(rule, value, location);
            checkBinding(rule, value, location);
            checkReference(rule, value, location);
        }
        if (value instanceof Coding coding) {
            checkCode(coding.getSystem(), coding.getCode(), coding.getDisplay(), location);
        } else if (value instanceof Quantity quantity) {
            checkCode(quantity.getSystem(), quantity.getCode(), null, location);
        }
        ElementRule specific = rules.get(rules.size() - 1);
        Map<String, ElementRule> children = specific.children;
        CompiledStructure childOwner = owner;
        if (children.isEmpty()) {
            ElementRule withChildren = rules.stream().filter(r -> !r.children.isEmpty()).findFirst().orElse(null);
            if (withChildren != null) {
                children = withChildren.children;
            } else if (specific.contentReference != null) {
                ElementRule referenced = owner.byId().get(specific.contentReference);
                if (referenced == null) {
                    throw new OutsideFastPath("contentReference " + specific.contentReference);
                }
                children = referenced.children;
            } else {
                CompiledStructure type = typeOf(rules, value);
                checkInvariants(type.root(), value, location, evaluated);
                checkPrimitive(type, value, location);
                children = type.root().children;
                childOwner = type;
            }
        }
        String path = location.replaceAll("\\[\\d+]", "");
        for (ElementRule child : children.values()) {
            if (value instanceof PrimitiveType<?> && child.name.equals("value")) {
                continue;
            }
            List<Base> values = values(value, child);
            checkCardinality(child, values.size(), location);
            if (child.name.equals("modifierExtension") && !values.isEmpty()) {
                throw new OutsideFastPath("modifier extensions are checked by HAPI");
            }
            Map<Base, ElementRule> slices = child.slicing == null ? Map.of() : slice(child, values, location);
            for (int i = 0; i < values.size(); i++) {
                Base item = values.get(i);
                String itemLocation = location + "." + segment(child, item) + (child.max == 1 ? "" : "[" + i + "]");
                List<ElementRule> itemRules = new ArrayList<>(2);
                itemRules.add(child);
                ElementRule slice = slices.get(item);
                if (slice != null) {
                    itemRules.add(slice);
                }
                CompiledStructure itemOwner = childOwner;
                if (item instanceof Extension extension) {
                    CompiledStructure definition = extensionDefinition(extension, slice);
                    if (definition != null) {
                        checkContext(definition, value, path, itemLocation);
                        itemRules.add(definition.root());
                        itemOwner = definition;
                    }
                }
                element(item, itemRules, itemOwner, itemLocation);
            }
        }
    }

    /** The datatype's definition, or the profile of it the element requires (SimpleQuantity). */
    private CompiledStructure typeOf(List<ElementRule> rules, Base value) {
        for (ElementRule rule : rules) {
            ElementRule.TypeRule type = rule.type(value.fhirType());
            if (type != null && !type.profiles().isEmpty() && !type.code().equals("Extension")) {
                CompiledStructure profiled = structures.byUrl(type.profiles().get(0));
                if (profiled == null) {
                    throw new OutsideFastPath("unknown profile " + type.profiles().get(0) + " at " + rule.path);
                }
                return profiled;
            }
        }
        return structures.type(value.fhirType());
    }

    private static List<Base> values(Base parent, ElementRule rule) {
        Property property = parent.getNamedProperty(rule.name);
        if (property == null) {
            return List.of();
        }
        List<Base> values = new ArrayList<>(property.getValues().size());
        for (Base value : property.getValues()) {
            if (value != null && !value.isEmpty() && !emptyExtension(value)) {
                values.add(value);
            }
        }
        return values;
    }

    /** An extension with a url and nothing else is dropped when HAPI encodes the resource, as if absent. */
    private static boolean emptyExtension(Base value) {
        return value instanceof Extension extension && !extension.hasValue() && !extension.hasExtension();
    }

    private static String segment(ElementRule rule, Base value) {
        return rule.isChoice() ? rule.baseName() + ".ofType(" + value.fhirType() + ")" : rule.name;
    }

    private void checkCardinality(ElementRule rule, int count, String location) {
        if (count < rule.min) {
            error("cardinality", location + "." + rule.baseName(),
                    rule.path + ": minimum required = " + rule.min + ", but only found " + count);
        }
        if (rule.max >= 0 && count > rule.max) {
            error("cardinality", location + "." + rule.baseName(),
                    rule.path + ": max allowed = " + rule.max + ", but found " + count);
        }
    }

    private void checkInvariants(ElementRule rule, Base value, String location, Set<String> evaluated) {
        for (ElementRule.Invariant invariant : rule.invariants) {
            if (evaluated.add(invariant.key() + "|" + invariant.expression()) && !invariants.holds(invariant, resource, value)) {
                error(invariant.key(), location, "Rule " + invariant.key() + " failed: " + invariant.human()
                        + (invariant.source() == null ? "" : " (defined in " + invariant.source() + ")"));
            }
        }
    }

    private void checkFixedAndPattern(ElementRule rule, Base value, String location) {
        if (rule.fixed != null && !Patterns.sameValue(rule.fixed, value)) {
            error("fixed-value", location, rule.path + ": the value must be exactly " + Patterns.describe(rule.fixed));
        }
        if (rule.pattern != null && !Patterns.matches(rule.pattern, value)) {
            error("pattern", location, rule.path + ": the value must match the pattern " + Patterns.describe(rule.pattern));
        }
    }

    private void checkType(ElementRule rule, Base value, String location) {
        if (rule.isChoice() && !rule.types.isEmpty() && rule.type(value.fhirType()) == null) {
            error("type", location, rule.path + ": the type " + value.fhirType() + " is not allowed here (allowed: "
                    + String.join(", ", rule.types.stream().map(ElementRule.TypeRule::code).toList()) + ")");
        }
    }

    private void checkBinding(ElementRule rule, Base value, String location) {
        String valueSet = rule.requiredValueSet;
        if (valueSet == null || value instanceof Enumeration<?>) {
            return; // Enumerations: the parser has already refused codes outside the required value set.
        }
        if (value instanceof Coding coding) {
            codes.problemInValueSet(valueSet, coding.getSystem(), coding.getCode(), coding.getDisplay(), false)
                    .ifPresent(problem -> error("binding", location, problem));
        } else if (value instanceof CodeableConcept concept) {
            if (!concept.hasCoding()) {
                error("binding", location, rule.path + ": no code provided, and a code is required from the value set " + valueSet);
                return;
            }
            Optional<String> first = Optional.empty();
            for (Coding coding : concept.getCoding()) {
                Optional<String> problem = codes.problemInValueSet(valueSet, coding.getSystem(), coding.getCode(), coding.getDisplay(), false);
                if (problem.isEmpty()) {
                    return;
                }
                first = first.or(() -> problem);
            }
            error("binding", location, rule.path + ": none of the codings is in the required value set " + valueSet
                    + first.map(p -> " (" + p + ")").orElse(""));
        } else if (value instanceof CodeType code) {
            codes.problemInValueSet(valueSet, null, code.getValue(), null, true).ifPresent(problem -> error("binding", location, problem));
        } else if (!rule.isChoice() || rule.type(value.fhirType()) != null) {
            // (A value of a type the choice does not allow has its finding already.)
            throw new OutsideFastPath("required binding on " + value.fhirType() + " at " + rule.path);
        }
    }

    /** A code must exist in its code system where the terminology chain knows that system (UCUM for units). */
    private void checkCode(String system, String code, String display, String location) {
        if (system != null && code != null) {
            codes.problemInCodeSystem(system, code, display).ifPresent(problem -> error("code", location, problem));
        }
    }

    private void checkReference(ElementRule rule, Base value, String location) {
        if (!(value instanceof Reference reference) || !reference.hasReference()) {
            return;
        }
        ElementRule.TypeRule type = rule.type("Reference");
        if (type == null || type.targetTypes().isEmpty() || type.targetTypes().contains("Resource")) {
            return;
        }
        String target = referencedType(reference.getReference());
        if (target != null && !type.targetTypes().contains(target)) {
            error("reference-type", location, "The type '" + target + "' implied by the reference " + reference.getReference()
                    + " is not a valid target for " + rule.path + " (must be one of " + type.targetTypes() + ")");
        }
    }

    /** The resource type a literal reference names, or null when it names none (urn:uuid, a conditional reference). */
    private String referencedType(String reference) {
        var match = LITERAL_REFERENCE.matcher(reference);
        if (match.matches() && resourceTypes.contains(match.group(1))) {
            return match.group(1);
        }
        return null;
    }

    private void checkPrimitive(CompiledStructure type, Base value, String location) {
        if (!value.isPrimitive()) {
            return;
        }
        if (value.fhirType().equals("xhtml")) {
            throw new OutsideFastPath("XHTML is checked by HAPI");
        }
        String text = value instanceof IdType id ? id.getIdPart() : value.primitiveValue();
        if (text != null && type.primitiveRegex() != null && !type.primitiveRegex().matcher(text).matches()) {
            error("format", location, "The value '" + text + "' is not a valid " + value.fhirType());
        }
    }

    /** Which slice each value belongs to; an unmatched value in closed slicing is a finding. */
    private Map<Base, ElementRule> slice(ElementRule sliced, List<Base> values, String location) {
        Map<Base, ElementRule> sliceOf = new IdentityHashMap<>();
        Map<ElementRule, Integer> counts = new IdentityHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Base value = values.get(i);
            for (ElementRule slice : sliced.slicing.slices()) {
                if (matches(sliced, slice, value)) {
                    sliceOf.put(value, slice);
                    counts.merge(slice, 1, Integer::sum);
                    break;
                }
            }
            if (!sliceOf.containsKey(value) && sliced.slicing.closed()) {
                error("slicing", location + "." + sliced.name + "[" + i + "]", sliced.path
                        + ": this element does not match any known slice, and the slicing is closed");
            }
        }
        for (ElementRule slice : sliced.slicing.slices()) {
            int count = counts.getOrDefault(slice, 0);
            if (count < slice.min) {
                error("cardinality", location + "." + sliced.name, "Slice '" + slice.id + "': minimum required = "
                        + slice.min + ", but only found " + count);
            }
            if (slice.max >= 0 && count > slice.max) {
                error("cardinality", location + "." + sliced.name, "Slice '" + slice.id + "': max allowed = "
                        + slice.max + ", but found " + count);
            }
        }
        return sliceOf;
    }

    private boolean matches(ElementRule sliced, ElementRule slice, Base value) {
        for (String path : sliced.slicing.discriminatorPaths()) {
            String expected = discriminatorValue(slice, path);
            List<Base> actual = values(value, childRule(path));
            if (actual.size() != 1 || !expected.equals(actual.get(0).primitiveValue())) {
                return false;
            }
        }
        return true;
    }

    private static ElementRule childRule(String name) {
        return new ElementRule(name, name, null, 0, -1, List.of(), null, null, null, List.of(), null);
    }

    private static String discriminatorValue(ElementRule slice, String path) {
        ElementRule child = slice.children.get(path);
        Base expected = child == null ? null : child.fixed != null ? child.fixed : child.pattern;
        if (expected != null && expected.isPrimitive()) {
            return expected.primitiveValue();
        }
        ElementRule.TypeRule extension = slice.type("Extension");
        if (path.equals("url") && extension != null && extension.profiles().size() == 1) {
            return extension.profiles().get(0);
        }
        throw new OutsideFastPath("discriminator " + path + " of slice " + slice.id);
    }

    private CompiledStructure extensionDefinition(Extension extension, ElementRule slice) {
        if (slice != null) {
            ElementRule.TypeRule type = slice.type("Extension");
            if (type != null && type.profiles().size() == 1) {
                return structures.byUrl(type.profiles().get(0));
            }
            return null; // a sub-extension: its slice holds its rules
        }
        String url = extension.getUrl();
        return url != null && url.contains(":") ? structures.byUrl(url) : null;
    }

    private void checkContext(CompiledStructure definition, Base parent, String parentPath, String location) {
        List<String> contexts = definition.contexts();
        if (contexts == null) {
            throw new OutsideFastPath("extension " + definition.url() + " has a context the fast path does not model");
        }
        for (String context : contexts) {
            if (context.equals(parent.fhirType()) || context.equals(parentPath) || context.equals("Element")
                    || ((context.equals("Resource") || context.equals("DomainResource")) && parent instanceof Resource)) {
                return;
            }
        }
        error("extension-context", location, "The extension " + definition.url() + " is not allowed here (allowed: "
                + String.join(", ", contexts) + "; this element is " + parentPath + ")");
    }

    private void error(String rule, String location, String message) {
        findings.add(new Finding(ResultSeverityEnum.ERROR, message, location, rule));
    }
}
