package org.hrgateway.search.index;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import org.hl7.fhir.instance.model.api.IBase;
import org.hrgateway.search.param.SearchParamDef;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Composite values (search.html#composite): for each element the composite's expression selects,
 * its components are evaluated relative to that element and paired, so `code-value-quantity`
 * matches a code and a value of the same Observation (or the same component).
 */
final class CompositeExtractor {

    private CompositeExtractor() {
    }

    static void extract(SearchParamDef param, IBase element, BiFunction<IBase, String, List<IBase>> evaluate,
                        ZoneId zone, Set<CompositeRow> out) {
        List<SearchParamDef.Component> components = param.components();
        if (components.size() != 2 || components.get(0).type() != RestSearchParameterTypeEnum.TOKEN) {
            return;
        }
        Set<TokenRow> codes = new HashSet<>();
        evaluate.apply(element, components.get(0).expression())
                .forEach(value -> TokenExtractor.extract(param.code(), value, codes));
        List<IBase> values = evaluate.apply(element, components.get(1).expression());
        for (TokenRow code : codes) {
            if (code.code() == null) {
                continue;
            }
            for (IBase value : values) {
                addPair(param.code(), code, components.get(1).type(), value, zone, out);
            }
        }
    }

    private static void addPair(String param, TokenRow code, RestSearchParameterTypeEnum type, IBase value,
                                ZoneId zone, Set<CompositeRow> out) {
        switch (type) {
            case TOKEN -> {
                Set<TokenRow> tokens = new HashSet<>();
                TokenExtractor.extract(param, value, tokens);
                tokens.stream().filter(token -> token.code() != null).forEach(token -> out.add(new CompositeRow(param,
                        code.system(), code.code(), token.system(), token.code(), null, null, null, null, null)));
            }
            case QUANTITY -> {
                Set<QuantityRow> quantities = new HashSet<>();
                QuantityExtractor.extract(param, value, quantities);
                quantities.forEach(quantity -> out.add(new CompositeRow(param, code.system(), code.code(),
                        quantity.system(), quantity.code(), quantity.low(), quantity.high(), null, null, null)));
            }
            case DATE -> {
                Set<DateRow> dates = new HashSet<>();
                DateExtractor.extract(param, value, zone, dates);
                dates.forEach(date -> out.add(new CompositeRow(param, code.system(), code.code(),
                        null, null, null, null, date.low(), date.high(), null)));
            }
            case STRING -> {
                Set<StringRow> strings = new HashSet<>();
                StringExtractor.extract(param, value, strings);
                strings.forEach(string -> out.add(new CompositeRow(param, code.system(), code.code(),
                        null, null, null, null, null, null, string.normalized())));
            }
            default -> {
                // other second components do not occur among the served types' composites
            }
        }
    }
}
