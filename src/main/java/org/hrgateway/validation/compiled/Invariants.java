package org.hrgateway.validation.compiled;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

import java.util.HashMap;
import java.util.Map;

/**
 * Evaluates the snapshots' FHIRPath invariants. The R4 engine keeps per-call state (its trace log),
 * so each worker thread has its own engine and its own parsed expressions: each invariant is parsed
 * once per thread, never per resource.
 */
final class Invariants {

    private static final String ELE_1 = "ele-1";

    private final ThreadLocal<Evaluator> evaluators;

    Invariants(FhirContext context, IValidationSupport support) {
        this.evaluators = ThreadLocal.withInitial(() -> new Evaluator(new FHIRPathEngine(new HapiWorkerContext(context, support))));
    }

    /** Whether `value` satisfies the invariant; {@link OutsideFastPath} when the engine cannot evaluate it. */
    boolean holds(ElementRule.Invariant invariant, Resource resource, Base value) {
        if (ELE_1.equals(invariant.key())) {
            return hasValueOrChildren(value);
        }
        return evaluators.get().holds(invariant.expression(), resource, value);
    }

    /**
     * ele-1, "hasValue() or (children().count() > id.count())", holds on every element, so it is the
     * invariant evaluated most; it is answered directly from the model. (The R4 engine also fails on
     * it for a Quantity with a code but no system.)
     */
    private static boolean hasValueOrChildren(Base value) {
        if (value.hasPrimitiveValue()) {
            return true;
        }
        for (Property property : value.children()) {
            if (!property.getName().equals("id") && property.hasValues()) {
                for (Base child : property.getValues()) {
                    if (child != null && !child.isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static final class Evaluator {
        private final FHIRPathEngine engine;
        private final Map<String, ExpressionNode> parsed = new HashMap<>();

        Evaluator(FHIRPathEngine engine) {
            this.engine = engine;
        }

        boolean holds(String expression, Resource resource, Base value) {
            try {
                ExpressionNode node = parsed.computeIfAbsent(expression, engine::parse);
                return engine.evaluateToBoolean(null, resource, resource, value, node);
            } catch (RuntimeException e) {
                throw new OutsideFastPath("invariant " + expression + " not evaluable: " + e.getMessage());
            }
        }
    }
}
