package org.hrgateway.search.query;

import org.hrgateway.search.index.IndexedText;
import org.hl7.fhir.r4.model.IdType;
import org.hrgateway.search.index.IndexExtractor;

/**
 * Reference criteria (search.html#reference): `id`, `Type/id` or an absolute URL; `:Type`,
 * `:identifier`, `:missing`; and chains (`subject:Patient.identifier=...`), whose inner criterion
 * is applied to the target resources in a nested sub-query.
 */
final class ReferenceClause {

    private ReferenceClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        String modifier = criterion.modifier();
        if ("missing".equals(modifier)) {
            IndexJoin.missing(sql, "idx_reference", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        if ("identifier".equals(modifier)) {
            String i = IndexJoin.open(sql, "idx_token", alias, type, criterion.name() + IndexExtractor.IDENTIFIER_SUFFIX, false);
            IndexJoin.anyOf(sql, criterion.values(), value -> TokenClause.appendValue(i, value, sql));
            IndexJoin.close(sql);
            return;
        }
        if (criterion.chain() != null) {
            appendChain(criterion, alias, type, sql, context);
            return;
        }
        String typeModifier = modifier;
        if (typeModifier != null && !Character.isUpperCase(typeModifier.charAt(0))) {
            throw CriteriaParser.invalid("Modifier :" + typeModifier + " is not supported on reference parameter "
                    + criterion.name());
        }
        String i = IndexJoin.open(sql, "idx_reference", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> appendValue(i, value, typeModifier, sql, context));
        IndexJoin.close(sql);
    }

    private static void appendValue(String i, String value, String typeModifier, SqlWriter sql, QueryContext context) {
        String local = value.startsWith(context.baseUrl() + "/") ? value.substring(context.baseUrl().length() + 1) : value;
        if (local.contains("://") || local.startsWith("urn:")) {
            sql.append(i).append(".target_url = ").bind(IndexedText.cap(local));
            return;
        }
        IdType id = new IdType(local);
        String targetType = id.hasResourceType() ? id.getResourceType() : typeModifier;
        sql.append(i).append(".target_id = ").bind(id.getIdPart());
        if (targetType != null) {
            sql.append(" and ").append(i).append(".target_type = ").bind(targetType);
        }
        appendLocal(i, sql, context);
    }

    /**
     * Keeps the index rows that name a resource on this server: written relatively (no target_url)
     * or as an absolute URL on this server's base. `Patient/1` on another server is not our Patient/1.
     * Without a known base (conditional interactions when hr.base-url is unset) no row is told apart.
     */
    static void appendLocal(String i, SqlWriter sql, QueryContext context) {
        if (context.baseUrl() == null || context.baseUrl().isEmpty()) {
            return;
        }
        sql.append(" and (").append(i).append(".target_url is null or ").append(i).append(".target_url = ")
                .bind(context.baseUrl() + "/").append(" || ").append(i).append(".target_type || '/' || ")
                .append(i).append(".target_id)");
    }

    private static void appendChain(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        Criterion.Chain chain = criterion.chain();
        String i = IndexJoin.open(sql, "idx_reference", alias, type, criterion.name(), false);
        String target = sql.alias("t");
        sql.append(" and ").append(i).append(".target_type = ").bind(chain.targetType())
                .append(" and exists (select 1 from resource ").append(target).append(" where ")
                .append(target).append(".res_type = ").append(i).append(".target_type and ")
                .append(target).append(".res_id = ").append(i).append(".target_id and not ")
                .append(target).append(".deleted and ");
        CriteriaSql.append(chain.inner(), target, chain.targetType(), sql, context);
        sql.append(")");
        appendLocal(i, sql, context);
        IndexJoin.close(sql);
    }
}
