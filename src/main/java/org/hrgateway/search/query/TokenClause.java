package org.hrgateway.search.query;

import org.hrgateway.search.index.IndexedText;
import org.hrgateway.search.index.StringExtractor;

/** Token criteria (search.html#token): system|code forms, :not, :text, :of-type, :missing. */
final class TokenClause {

    private TokenClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        String modifier = criterion.modifier();
        String param = criterion.name();
        if ("in".equals(modifier) || "not-in".equals(modifier)) {
            String i = IndexJoin.open(sql, "idx_token", alias, type, param, "not-in".equals(modifier));
            IndexJoin.anyOf(sql, criterion.values(), url -> appendInValueSet(i, url, sql, context));
            IndexJoin.close(sql);
            return;
        }
        if ("missing".equals(modifier)) {
            IndexJoin.missing(sql, "idx_token", alias, type, param, criterion.values().get(0));
            return;
        }
        if ("text".equals(modifier)) {
            String i = IndexJoin.open(sql, "idx_token", alias, type, param, false);
            IndexJoin.anyOf(sql, criterion.values(),
                    value -> Likes.startsWith(sql, i + ".text", IndexedText.cap(StringExtractor.normalize(value))));
            IndexJoin.close(sql);
            return;
        }
        if ("of-type".equals(modifier)) {
            String i = IndexJoin.open(sql, "idx_token", alias, type, param + ":of-type", false);
            IndexJoin.anyOf(sql, criterion.values(), value -> {
                String[] systemAndRest = ValueSplitter.splitFirst(value, '|');
                if (systemAndRest.length < 2 || ValueSplitter.split(systemAndRest[1], '|').size() != 2) {
                    throw CriteriaParser.invalid(":of-type takes system|code|value, not '" + value + "'");
                }
                sql.append(i).append(".system = ").bind(IndexedText.cap(systemAndRest[0]))
                        .append(" and ").append(i).append(".code = ").bind(IndexedText.cap(systemAndRest[1]));
            });
            IndexJoin.close(sql);
            return;
        }
        if (modifier != null && !"not".equals(modifier)) {
            throw CriteriaParser.invalid("Modifier :" + modifier + " is not supported on token parameter " + param);
        }
        String i = IndexJoin.open(sql, "idx_token", alias, type, param, "not".equals(modifier));
        IndexJoin.anyOf(sql, criterion.values(), value -> appendValue(i, value, sql));
        IndexJoin.close(sql);
    }

    /** The token is one of the ValueSet's codes (or of a system it includes whole). */
    private static void appendInValueSet(String i, String url, SqlWriter sql, QueryContext context) {
        ValueSetCodes codes = context.valueSets().get(url);
        if (codes == null) {
            throw CriteriaParser.invalid(":in and :not-in need a ValueSet this server holds; '" + url + "' is not one");
        }
        sql.append("false");
        codes.wholeSystems().forEach(system -> sql.append(" or ").append(i).append(".system = ").bind(system));
        codes.codesBySystem().forEach((system, inSystem) -> {
            sql.append(" or (").append(i).append(".system = ").bind(system).append(" and ").append(i).append(".code in (");
            int n = 0;
            for (String code : inSystem) {
                sql.append(n++ == 0 ? "" : ", ").bind(code);
            }
            sql.append("))");
        });
    }

    static void appendValue(String i, String value, SqlWriter sql) {
        appendValue(i + ".system", i + ".code", value, sql);
    }

    /** `code`, `system|code`, `|code` (no system) or `system|` (any code of the system). */
    static void appendValue(String systemColumn, String codeColumn, String value, SqlWriter sql) {
        String[] parts = ValueSplitter.splitFirst(value, '|');
        if (parts.length == 1) {
            sql.append(codeColumn).append(" = ").code(IndexedText.cap(parts[0]));
            return;
        }
        String system = IndexedText.cap(parts[0]);
        String code = IndexedText.cap(ValueSplitter.unescape(parts[1]));
        if (system.isEmpty()) {
            sql.append(systemColumn).append(" is null and ").append(codeColumn).append(" = ").code(code);
        } else if (code.isEmpty()) {
            sql.append(systemColumn).append(" = ").bind(system);
        } else {
            sql.append(codeColumn).append(" = ").code(code).append(" and ").append(systemColumn).append(" = ").bind(system);
        }
    }
}
