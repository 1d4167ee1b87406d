package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent;
import org.hl7.fhir.r4.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.validation.instance.utils.FHIRPathExpressionFixer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles a StructureDefinition's snapshot into a tree of {@link ElementRule}s. What the fast path
 * does not model throws {@link OutsideFastPath}, leaving the structure to HAPI (type slicing and
 * re-slicing, discriminators other than a child's value or pattern, a choice of profiles, modifier
 * extensions, context invariants), or marks the element so that an instance with a value there
 * goes to HAPI (maxLength, min/max values, maxValueSet bindings, aggregation, ordered slicing).
 */
final class StructureCompiler {

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
    private static final String REGEX = "http://hl7.org/fhir/StructureDefinition/regex";
    private static final String R4 = "4.0.1";
    private static final String MAX_VALUE_SET = "http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet";

    private StructureCompiler() {
    }

    static CompiledStructure compile(StructureDefinition definition) {
        if (!definition.hasSnapshot()) {
            throw new OutsideFastPath(definition.getUrl() + " has no snapshot");
        }
        if (definition.hasContextInvariant()) {
            throw new OutsideFastPath(definition.getUrl() + " has context invariants");
        }
        if ("Extension".equals(definition.getType()) && definition.getSnapshot().getElementFirstRep().getIsModifier()) {
            throw new OutsideFastPath(definition.getUrl() + " is a modifier extension");
        }
        Map<String, ElementRule> byId = new HashMap<>();
        ElementRule root = null;
        Predicate<String> format = null;
        for (ElementDefinition element : definition.getSnapshot().getElement()) {
            ElementRule rule = rule(element);
            byId.put(rule.id, rule);
            format = format == null ? primitiveFormat(element) : format;
            if (root == null) {
                root = rule;
                continue;
            }
            attach(rule, element, byId);
        }
        if (root == null) {
            throw new OutsideFastPath(definition.getUrl() + " has an empty snapshot");
        }
        return new CompiledStructure(definition.getUrl(), root, Map.copyOf(byId), format, contexts(definition));
    }

    private static List<String> contexts(StructureDefinition definition) {
        List<String> contexts = new ArrayList<>();
        for (StructureDefinition.StructureDefinitionContextComponent context : definition.getContext()) {
            if (context.getType() != StructureDefinition.ExtensionContextType.ELEMENT) {
                return null;
            }
            contexts.add(context.getExpression());
        }
        return List.copyOf(contexts);
    }

    private static void attach(ElementRule rule, ElementDefinition element, Map<String, ElementRule> byId) {
        String id = rule.id;
        int dot = id.lastIndexOf('.');
        String last = id.substring(dot + 1);
        int colon = last.indexOf(':');
        if (colon >= 0) {
            // A slice: "Patient.identifier:residentId" slices "Patient.identifier".
            ElementRule sliced = byId.get(id.substring(0, dot + 1) + last.substring(0, colon));
            if (sliced == null || sliced.slicing == null) {
                throw new OutsideFastPath("slice " + id + " without slicing");
            }
            sliced.slicing.slices().add(rule);
            return;
        }
        ElementRule parent = byId.get(id.substring(0, dot));
        if (parent == null) {
            throw new OutsideFastPath("element " + id + " without parent");
        }
        parent.children.put(rule.name, rule);
        if (element.hasSlicing()) {
            rule.slicing = slicing(element);
        }
    }

    private static ElementRule.Slicing slicing(ElementDefinition element) {
        List<String> paths = new ArrayList<>();
        for (ElementDefinitionSlicingDiscriminatorComponent discriminator : element.getSlicing().getDiscriminator()) {
            String type = discriminator.getType() == null ? "" : discriminator.getType().toCode();
            String path = discriminator.getPath();
            if (!(type.equals("value") || type.equals("pattern")) || path == null || !path.matches("[a-z][A-Za-z]*")) {
                throw new OutsideFastPath("slicing of " + element.getId() + " by " + type + " " + path);
            }
            paths.add(path);
        }
        if (paths.isEmpty()) {
            throw new OutsideFastPath("slicing of " + element.getId() + " without discriminator");
        }
        boolean closed = element.getSlicing().getRules() == ElementDefinition.SlicingRules.CLOSED;
        return new ElementRule.Slicing(List.copyOf(paths), closed, new ArrayList<>());
    }

    private static ElementRule rule(ElementDefinition element) {
        String id = element.getId() != null ? element.getId() : element.getPath();
        if (id.contains("@") || element.hasSliceName() && element.getSliceName().contains("/")) {
            throw new OutsideFastPath("re-slicing or type slicing at " + id);
        }
        List<ElementRule.TypeRule> types = new ArrayList<>();
        for (TypeRefComponent type : element.getType()) {
            List<String> profiles = type.getProfile().stream().map(CanonicalType::getValue).toList();
            if (profiles.size() > 1) {
                throw new OutsideFastPath("a choice of profiles at " + id);
            }
            Set<String> targets = new LinkedHashSet<>();
            for (CanonicalType target : type.getTargetProfile()) {
                targets.add(targetType(id, target.getValue()));
            }
            types.add(new ElementRule.TypeRule(type.getWorkingCode(), profiles, Set.copyOf(targets)));
        }
        String requiredValueSet = null;
        if (element.hasBinding() && element.getBinding().getStrength() == BindingStrength.REQUIRED
                && element.getBinding().hasValueSet()) {
            requiredValueSet = element.getBinding().getValueSet();
        }
        List<ElementRule.Invariant> invariants = new ArrayList<>();
        for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
            if (constraint.getSeverity() == ElementDefinition.ConstraintSeverity.ERROR && constraint.hasExpression()) {
                // HAPI's validator mends a few core invariants that are wrong as published (ref-1
                // fails a display-only Reference); the same mending keeps the two verdicts equal.
                invariants.add(new ElementRule.Invariant(constraint.getKey(), constraint.getHuman(),
                        FHIRPathExpressionFixer.fixExpr(constraint.getExpression(), constraint.getKey(), R4),
                        constraint.getSource()));
            }
        }
        int max = "*".equals(element.getMax()) ? -1 : Integer.parseInt(element.getMax());
        String reference = element.getContentReference();
        String contentReference = reference == null ? null : reference.substring(reference.indexOf('#') + 1);
        return new ElementRule(id, element.getPath(), element.getMin(), max, List.copyOf(types),
                element.hasFixed() ? element.getFixed() : null,
                element.hasPattern() ? element.getPattern() : null,
                requiredValueSet, List.copyOf(invariants), contentReference, unmodelled(element));
    }

    /** Constraints the walk does not check: an instance with a value at such an element goes to HAPI. */
    private static String unmodelled(ElementDefinition element) {
        if (element.hasMaxLength()) {
            return "maxLength";
        }
        if (element.hasMinValue() || element.hasMaxValue()) {
            return "minValue/maxValue";
        }
        if (element.hasBinding() && element.getBinding().hasExtension(MAX_VALUE_SET)) {
            return "a maxValueSet binding";
        }
        if (element.getType().stream().anyMatch(TypeRefComponent::hasAggregation)) {
            return "reference aggregation";
        }
        if (element.hasSlicing() && (element.getSlicing().getOrdered()
                || element.getSlicing().getRules() == ElementDefinition.SlicingRules.OPENATEND)) {
            return "ordered slicing";
        }
        return null;
    }

    /** Reference targets given as core profiles are checked by type; anything else is HAPI's to check. */
    private static String targetType(String id, String targetProfile) {
        if (targetProfile != null && targetProfile.startsWith(CORE) && targetProfile.indexOf('/', CORE.length()) < 0) {
            return targetProfile.substring(CORE.length());
        }
        throw new OutsideFastPath("reference target profile " + targetProfile + " at " + id);
    }

    private static Predicate<String> primitiveFormat(ElementDefinition element) {
        String path = element.getPath();
        // Only a primitive type's own value ("dateTime.value") carries the regex.
        if (!path.endsWith(".value") || path.indexOf('.') != path.lastIndexOf('.') || !Character.isLowerCase(path.charAt(0))) {
            return null;
        }
        for (TypeRefComponent type : element.getType()) {
            Extension regex = type.getExtensionByUrl(REGEX);
            if (regex != null && regex.hasValue()) {
                return PrimitiveFormat.of(FHIRPathExpressionFixer.fixRegex(regex.getValue().primitiveValue()));
            }
        }
        return null;
    }
}
