package org.hrgateway.search.query;

import org.hrgateway.search.index.IndexedText;
import org.hrgateway.search.index.StringExtractor;

/** String criteria (search.html#string): case- and accent-insensitive prefix, :exact, :contains, :missing. */
final class StringClause {

    private StringClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql) {
        String modifier = criterion.modifier();
        if ("missing".equals(modifier)) {
            IndexJoin.missing(sql, "idx_string", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        if (modifier != null && !modifier.equals("exact") && !modifier.equals("contains")) {
            throw CriteriaParser.invalid("Modifier :" + modifier + " is not supported on string parameter " + criterion.name());
        }
        String i = IndexJoin.open(sql, "idx_string", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> {
            if ("exact".equals(modifier)) {
                sql.append(i).append(".value_exact = ").bind(value);
            } else if ("contains".equals(modifier)) {
                sql.append(i).append(".value_normalized like ").bind(Likes.contains(IndexedText.cap(StringExtractor.normalize(value))));
            } else {
                Likes.startsWith(sql, i + ".value_normalized", IndexedText.cap(StringExtractor.normalize(value)));
            }
        });
        IndexJoin.close(sql);
    }
}
