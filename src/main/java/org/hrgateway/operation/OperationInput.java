package org.hrgateway.operation;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation was called with: the URL's query parameters, and the POST body, either a
 * Parameters resource or (for `$validate`) the resource itself.
 *
 * @param id     the instance's id, or null at type level
 * @param body   the parsed body, or null for GET or an empty POST
 * @param caller who called, once the operation was found and allowed; null before
 */
public record OperationInput(String type, String id, Map<String, List<String>> query, Resource body, String baseUrl,
                             Caller caller) {

    public OperationInput(String type, String id, Map<String, List<String>> query, Resource body, String baseUrl) {
        this(type, id, query, body, baseUrl, null);
    }

    /** The same input, called by `caller`. */
    public OperationInput by(Caller caller) {
        return new OperationInput(type, id, query, body, baseUrl, caller);
    }

    /** The Parameters body, when the body is one. */
    public Optional<Parameters> parameters() {
        return body instanceof Parameters parameters ? Optional.of(parameters) : Optional.empty();
    }

    /** Every value of a primitive parameter, from the query and the Parameters body. */
    public List<String> strings(String name) {
        List<String> values = new ArrayList<>(query.getOrDefault(name, List.of()));
        parameters().ifPresent(p -> p.getParameter().stream()
                .filter(part -> name.equals(part.getName()) && part.getValue() instanceof PrimitiveType<?>)
                .forEach(part -> values.add(part.getValue().primitiveValue())));
        return values;
    }

    /** The one value of a primitive parameter; a 400 when it is given twice. */
    public Optional<String> string(String name) {
        List<String> values = strings(name);
        if (values.size() > 1) {
            throw OperationErrors.invalid("Parameter '" + name + "' is given " + values.size() + " times; it takes one value");
        }
        return values.stream().findFirst();
    }

    /** A complex-typed parameter of the Parameters body (a Coding, a CodeableConcept). */
    public Optional<Type> value(String name) {
        return parameters().flatMap(p -> p.getParameter().stream()
                .filter(part -> name.equals(part.getName()) && part.hasValue())
                .map(ParametersParameterComponent::getValue).findFirst());
    }

    /** Every value of a complex-typed parameter of the Parameters body, in order. */
    public List<Type> values(String name) {
        return parameters().map(p -> p.getParameter().stream()
                .filter(part -> name.equals(part.getName()) && part.hasValue())
                .map(ParametersParameterComponent::getValue).toList()).orElse(List.of());
    }

    /** A resource-valued parameter of the Parameters body. */
    public Optional<Resource> resource(String name) {
        return parameters().flatMap(p -> p.getParameter().stream()
                .filter(part -> name.equals(part.getName()) && part.hasResource())
                .map(ParametersParameterComponent::getResource).findFirst());
    }

    /**
     * The code(s) a terminology operation asks about: `code` (with `systemParameter`, `system` or
     * `url`, and `display`), a `coding`, or the codings of a `codeableConcept`.
     */
    public List<Coding> codings(String systemParameter) {
        Optional<String> code = string("code");
        if (code.isPresent()) {
            return List.of(new Coding(string(systemParameter).orElse(null), code.get(), string("display").orElse(null)));
        }
        if (value("coding").orElse(null) instanceof Coding given) {
            return List.of(given);
        }
        if (value("codeableConcept").orElse(null) instanceof CodeableConcept given && given.hasCoding()) {
            return given.getCoding();
        }
        throw OperationErrors.required("Give 'code' (with '" + systemParameter + "'), 'coding' or 'codeableConcept'");
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(value -> {
            try {
                int number = Integer.parseInt(value.trim());
                if (number < 0) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw OperationErrors.invalid("Parameter '" + name + "' must be a whole number of 0 or more, not '" + value + "'");
            }
        });
    }
}
