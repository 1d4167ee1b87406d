package org.hrgateway.search.query;

import org.hrgateway.search.index.IndexedText;

/** Uri criteria (search.html#uri): exact, :below (URL prefix), :above (the value's prefixes), :missing. */
final class UriClause {

    private UriClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql) {
        String modifier = criterion.modifier();
        if ("missing".equals(modifier)) {
            IndexJoin.missing(sql, "idx_uri", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        if (modifier != null && !modifier.equals("below") && !modifier.equals("above")) {
            throw CriteriaParser.invalid("Modifier :" + modifier + " is not supported on uri parameter " + criterion.name());
        }
        String i = IndexJoin.open(sql, "idx_uri", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> {
            if ("below".equals(modifier)) {
                Likes.startsWith(sql, i + ".uri", IndexedText.cap(value));
            } else if ("above".equals(modifier)) {
                // starts_with, not like: a stored uri's `_` and `%` are characters, not wildcards.
                sql.append(i).append(".uri <> '' and starts_with(").bind(value).append(", ").append(i).append(".uri)");
            } else {
                sql.append(i).append(".uri = ").bind(IndexedText.cap(value));
            }
        });
        IndexJoin.close(sql);
    }
}
