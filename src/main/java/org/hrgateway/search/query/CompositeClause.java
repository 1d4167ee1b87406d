package org.hrgateway.search.query;

import org.hrgateway.search.index.IndexedText;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import org.hrgateway.search.index.StringExtractor;

import java.util.List;

/**
 * Composite criteria (search.html#composite): `token$value`, both parts matched on the same index
 * row, so `code-value-quantity=http://loinc.org|718-7$gt13` needs a haemoglobin above 13 itself.
 */
final class CompositeClause {

    private CompositeClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        if ("missing".equals(criterion.modifier())) {
            IndexJoin.missing(sql, "idx_composite", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        DateClause.rejectModifier(criterion);
        RestSearchParameterTypeEnum second = criterion.param().components().get(1).type();
        String i = IndexJoin.open(sql, "idx_composite", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> {
            List<String> parts = ValueSplitter.split(value, '$');
            if (parts.size() != 2) {
                throw CriteriaParser.invalid("A composite value is first$second, e.g. http://loinc.org|718-7$gt13, not '"
                        + value + "'");
            }
            TokenClause.appendValue(i + ".system", i + ".code", parts.get(0), sql);
            sql.append(" and ");
            String part = parts.get(1);
            switch (second) {
                case TOKEN -> TokenClause.appendValue(i + ".value_system", i + ".value_code", part, sql);
                case QUANTITY -> QuantityClause.appendValue(part, i + ".value_low", i + ".value_high",
                        i + ".value_system", i + ".value_code", null, sql);
                case DATE -> {
                    Prefix.Prefixed prefixed = Prefix.split(part);
                    DateConditions.append(prefixed.prefix(), i + ".date_low", i + ".date_high",
                            DateConditions.parse(prefixed.value(), context.zone()), sql);
                }
                case STRING -> Likes.startsWith(sql, i + ".value_string", IndexedText.cap(StringExtractor.normalize(part)));
                default -> throw CriteriaParser.invalid("Composite " + criterion.name() + " cannot be searched");
            }
        });
        IndexJoin.close(sql);
    }
}
