package org.hrgateway.operation;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimePrimitiveDatatypeDefinition;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an OperationDefinition says a call may carry: its `in` parameters with their counts and
 * types. The one place a call's parameters are checked; the operations then read them as given.
 * A parameter the definition does not name, one given more often than its `max` or less than its
 * `min`, or a value of another type is a 400 that names the parameter and the definition.
 */
public final class OperationSignature {

    /** Types that stand for "any": no check of the value's own type. */
    private static final Set<String> ANY = Set.of("Any", "Element", "Type", "DataType", "BackboneElement");

    private record Parameter(String name, int min, int max, String type, String documentation) {
    }

    private final String operation;
    private final String url;
    private final FhirContext context;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    OperationSignature(OperationDefinition definition, FhirContext context) {
        this.operation = "$" + definition.getCode();
        this.url = definition.getUrl();
        this.context = context;
        for (OperationDefinitionParameterComponent parameter : definition.getParameter()) {
            if (parameter.getUse() == OperationParameterUse.IN) {
                int max = "*".equals(parameter.getMax()) ? Integer.MAX_VALUE : Integer.parseInt(parameter.getMax());
                parameters.put(parameter.getName(), new Parameter(parameter.getName(), parameter.getMin(), max,
                        parameter.hasType() ? parameter.getType() : null,
                        parameter.hasDocumentation() ? parameter.getDocumentation() : null));
            }
        }
    }

    /** Throws the 400 of the first parameter that does not match; `input.body()` that is not Parameters is the `resource`. */
    public void check(OperationInput input) {
        Map<String, List<Object>> given = new LinkedHashMap<>();
        input.query().forEach((name, values) -> given.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        input.parameters().ifPresent(body -> body.getParameter().forEach(part ->
                given.computeIfAbsent(part.getName(), n -> new ArrayList<>()).add(part)));
        if (input.body() != null && input.parameters().isEmpty()) {
            given.computeIfAbsent("resource", n -> new ArrayList<>()).add(input.body());
        }
        for (Map.Entry<String, List<Object>> entry : given.entrySet()) {
            Parameter parameter = parameters.get(entry.getKey());
            if (parameter == null) {
                throw OperationErrors.invalid("'" + entry.getKey() + "' is not a parameter of " + operation
                        + " (" + url + "); it takes " + String.join(", ", parameters.keySet()));
            }
            if (entry.getValue().size() > parameter.max()) {
                throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " is given "
                        + entry.getValue().size() + " times; it takes at most " + parameter.max());
            }
            for (Object value : entry.getValue()) {
                checkType(parameter, value);
            }
        }
        for (Parameter parameter : parameters.values()) {
            int count = given.getOrDefault(parameter.name(), List.of()).size();
            if (count < parameter.min()) {
                throw OperationErrors.required(operation + " needs parameter '" + parameter.name() + "'"
                        + (parameter.min() > 1 ? " at least " + parameter.min() + " times" : "")
                        + (parameter.type() != null ? " (" + parameter.type() + ")" : "")
                        + (parameter.documentation() != null ? ": " + parameter.documentation() : ""));
            }
        }
    }

    private void checkType(Parameter parameter, Object value) {
        String type = parameter.type();
        if (type == null || ANY.contains(type)) {
            return;
        }
        BaseRuntimeElementDefinition<?> datatype = context.getElementDefinition(type);
        boolean resourceTyped = "Resource".equals(type) || context.getResourceTypes().contains(type);
        if (value instanceof String text) {
            if (!(datatype instanceof RuntimePrimitiveDatatypeDefinition)) {
                throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " is a " + type
                        + ": give it in a Parameters body, not in the URL");
            }
            parse(parameter, (RuntimePrimitiveDatatypeDefinition) datatype, text);
            return;
        }
        if (value instanceof ParametersParameterComponent part) {
            if (resourceTyped) {
                requireResource(parameter, part.getResource());
            } else if (!part.hasValue() || !type.equals(part.getValue().fhirType())) {
                throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " must be a value"
                        + capitalized(type) + ", not "
                        + (part.hasValue() ? "a value" + capitalized(part.getValue().fhirType())
                        : part.hasResource() ? "a resource" : "empty"));
            } else if (datatype instanceof RuntimePrimitiveDatatypeDefinition primitive
                    && part.getValue() instanceof IPrimitiveType<?> given) {
                parse(parameter, primitive, given.getValueAsString());
            }
            return;
        }
        requireResource(parameter, value); // a bare resource body: the `resource` parameter
    }

    private void requireResource(Parameter parameter, Object resource) {
        String type = parameter.type();
        if (!(resource instanceof org.hl7.fhir.r4.model.Resource given)) {
            throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " must be a resource ("
                    + type + ")");
        }
        if (!"Resource".equals(type) && !type.equals(given.fhirType())) {
            throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " must be a "
                    + type + ", not a " + given.fhirType());
        }
    }

    private void parse(Parameter parameter, RuntimePrimitiveDatatypeDefinition datatype, String text) {
        try {
            IPrimitiveType<?> primitive = (IPrimitiveType<?>) datatype.newInstance();
            primitive.setValueAsString(text);
            if (text == null || text.isBlank()) {
                throw new DataFormatException("empty");
            }
        } catch (DataFormatException | IllegalArgumentException e) {
            throw OperationErrors.invalid("Parameter '" + parameter.name() + "' of " + operation + " must be a "
                    + parameter.type() + ", not '" + text + "'");
        }
    }

    private static String capitalized(String type) {
        return Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
