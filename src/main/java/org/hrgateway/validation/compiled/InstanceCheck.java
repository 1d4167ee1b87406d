package org.hrgateway.validation.compiled;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.OIDUtilities;
import org.hl7.fhir.utilities.UUIDUtilities;
import org.hl7.fhir.utilities.Utilities;
import org.hrgateway.validation.Finding;

import java.util.ArrayList;
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

    private static final Set<String> URI_TYPES = Set.of("uri", "url", "canonical", "oid", "uuid");
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
        if (value instanceof Resource && value != resource) {
            throw new OutsideFastPath("a resource inside the resource (" + location + ")");
        }
        // A handful per element: a list beats a hash set here.
        List<String> evaluated = new ArrayList<>(4);
        for (ElementRule rule : rules) {
            if (rule.unmodelled != null) {
                throw new OutsideFastPath(rule.unmodelled + " at " + rule.id);
            }
            checkInvariants(rule, value, location, evaluated);
            checkFixedAndPattern(rule, value, location);
            checkType(rule, value, location);
            checkBinding(rule, value, location);
            checkReference(rule, value, location);
        }
        if (value instanceof Coding coding) {
            checkCode(coding.getSystem(), coding.getCode(), location);
        } else if (value instanceof Quantity quantity) {
            checkCode(quantity.getSystem(), quantity.getCode(), location);
        }
        // The value's own type is checked too, as HAPI does, however much a profile says about it:
        // its root invariants (per-1, qty-3, ...) and a primitive's format. Backbone elements have
        // no definition of their own.
        CompiledStructure type = value.fhirType().contains(".") ? null : typeOf(rules, value);
        if (type != null) {
            checkInvariants(type.root(), value, location, evaluated);
            checkPrimitive(value, type, location);
        }
        CompiledStructure childOwner = owner;
        Map<String, ElementRule> children = childrenFrom(rules);
        if (children == null) {
            ElementRule specific = rules.get(rules.size() - 1);
            if (specific.contentReference != null) {
                ElementRule referenced = owner.byId().get(specific.contentReference);
                if (referenced == null) {
                    throw new OutsideFastPath("contentReference " + specific.contentReference);
                }
                children = referenced.children;
            } else if (type != null) {
                children = type.root().children;
                childOwner = type;
            } else {
                throw new OutsideFastPath("no children known for " + location);
            }
        }
        for (ElementRule child : children.values()) {
            if (value instanceof PrimitiveType<?> && child.name.equals("value")) {
                continue;
            }
            List<Base> values = ElementValues.of(value, child.name);
            checkCardinality(child, values.size(), location);
            if (child.name.equals("modifierExtension") && !values.isEmpty()) {
                throw new OutsideFastPath("modifier extensions are checked by HAPI");
            }
            Map<Base, ElementRule> slices = child.slicing == null ? Map.of()
                    : SliceMatcher.assign(child, values, location, this::error);
            for (int i = 0; i < values.size(); i++) {
                Base item = values.get(i);
                String itemLocation = location + "." + segment(child, item) + (child.max == 1 ? "" : "[" + i + "]");
                List<ElementRule> itemRules = new ArrayList<>(3);
                itemRules.add(child);
                ElementRule slice = slices.get(item);
                if (slice != null) {
                    itemRules.add(slice);
                }
                CompiledStructure itemOwner = childOwner;
                if (item instanceof Extension extension) {
                    checkExtensionUrl(extension, value, itemLocation);
                    CompiledStructure definition = extensionDefinition(extension, slice);
                    if (definition != null) {
                        checkContext(definition, value, location, itemLocation);
                        itemRules.add(definition.root());
                        itemOwner = definition;
                    }
                }
                element(item, itemRules, itemOwner, itemLocation);
            }
        }
    }

    /**
     * The children the rules give (a slice's or an extension definition's, else the element's own);
     * null when none does. When two of them give children, HAPI checks both sets: that is left to it.
     */
    private static Map<String, ElementRule> childrenFrom(List<ElementRule> rules) {
        Map<String, ElementRule> children = null;
        for (ElementRule rule : rules) {
            if (!rule.children.isEmpty()) {
                if (children != null) {
                    throw new OutsideFastPath("children constrained both by " + rules.get(0).id + " and " + rule.id);
                }
                children = rule.children;
            }
        }
        return children;
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

    private void checkInvariants(ElementRule rule, Base value, String location, List<String> evaluated) {
        for (ElementRule.Invariant invariant : rule.invariants) {
            if (evaluated.contains(invariant.identity())) {
                continue;
            }
            evaluated.add(invariant.identity());
            if (!invariants.holds(invariant, resource, value)) {
                error(invariant.key(), location, "Rule " + invariant.key() + " failed: " + invariant.human()
                        + (invariant.source() == null ? "" : " (defined in " + invariant.source() + ")"));
            }
        }
    }

    private void checkFixedAndPattern(ElementRule rule, Base value, String location) {
        if (rule.fixed != null && value instanceof Element element && element.hasExtension()) {
            throw new OutsideFastPath("extensions on a fixed value at " + rule.id);
        }
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
            codes.problemInValueSet(valueSet, coding.getSystem(), coding.getCode(), false)
                    .ifPresent(problem -> error("binding", location, problem));
        } else if (value instanceof CodeableConcept concept) {
            if (!concept.hasCoding()) {
                error("binding", location, rule.path + ": no code provided, and a code is required from the value set " + valueSet);
                return;
            }
            Optional<String> first = Optional.empty();
            for (Coding coding : concept.getCoding()) {
                Optional<String> problem = codes.problemInValueSet(valueSet, coding.getSystem(), coding.getCode(), false);
                if (problem.isEmpty()) {
                    return;
                }
                first = first.or(() -> problem);
            }
            error("binding", location, rule.path + ": none of the codings is in the required value set " + valueSet
                    + first.map(p -> " (" + p + ")").orElse(""));
        } else if (value instanceof CodeType code) {
            codes.problemInValueSet(valueSet, null, code.getValue(), true).ifPresent(problem -> error("binding", location, problem));
        } else if (!rule.isChoice() || rule.type(value.fhirType()) != null) {
            // (A value of a type the choice does not allow has its finding already.)
            throw new OutsideFastPath("required binding on " + value.fhirType() + " at " + rule.path);
        }
    }

    /**
     * A code must exist in its code system where the terminology chain knows that system (UCUM for
     * units). Displays are not compared: a wrong display is a warning, and warnings do not decide.
     */
    private void checkCode(String system, String code, String location) {
        if (system != null && code != null) {
            codes.problemInCodeSystem(system, code).ifPresent(problem -> error("code", location, problem));
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

    private void checkPrimitive(Base value, CompiledStructure type, String location) {
        if (!value.isPrimitive()) {
            return;
        }
        if (value.fhirType().equals("xhtml")) {
            throw new OutsideFastPath("XHTML is checked by HAPI");
        }
        String text = value instanceof IdType id ? id.getIdPart() : value.primitiveValue();
        if (text == null) {
            return;
        }
        if (type.primitiveFormat() != null && !type.primitiveFormat().test(text)) {
            error("format", location, "The value '" + text + "' is not a valid " + value.fhirType());
        }
        if (URI_TYPES.contains(value.fhirType())) {
            checkUri(value.fhirType(), text, location);
        }
    }

    /** HAPI's rules for URIs beyond their regex: OIDs and UUIDs well formed, canonicals absolute. */
    private void checkUri(String type, String uri, String location) {
        if (uri.startsWith("oid:") || uri.startsWith("uuid:")) {
            error("format", location, "The URI '" + uri + "' must start with urn:" + uri.substring(0, uri.indexOf(':') + 1));
        } else if (uri.startsWith("urn:oid:") && !OIDUtilities.isValidOID(uri.substring("urn:oid:".length()))) {
            error("format", location, "'" + uri + "' is not a valid OID");
        } else if (uri.startsWith("urn:uuid:") && !UUIDUtilities.isValidUUID(uri.substring("urn:uuid:".length()))) {
            error("format", location, "'" + uri + "' is not a valid UUID");
        } else if (type.equals("canonical") && !uri.startsWith("#") && !Utilities.isAbsoluteUrl(uri)) {
            throw new OutsideFastPath("relative canonical " + uri);
        }
    }

    /** An extension's url is absolute, unless it names a part of a complex extension. */
    private void checkExtensionUrl(Extension extension, Base parent, String location) {
        String url = extension.getUrl();
        if (!(parent instanceof Extension) && (url == null || !Utilities.isAbsoluteUrl(url))) {
            error("extension-url", location, "The extension url '" + url + "' must be absolute");
        }
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

    private void checkContext(CompiledStructure definition, Base parent, String parentLocation, String location) {
        String parentPath = parentLocation.replaceAll("\\[\\d+]", "");
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
