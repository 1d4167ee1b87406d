package org.hrgateway.search.query;

import org.hl7.fhir.r4.model.IdType;
import org.hrgateway.search.index.StringExtractor;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles criteria to one SQL statement over `resource` with one semi-join per criterion into the
 * index table of its parameter type. Values are always bound, never spliced into the text.
 */
public final class SqlBuilder {

    private final List<Object> parameters = new ArrayList<>();
    private final StringBuilder where = new StringBuilder();

    private SqlBuilder() {
    }

    public static SqlQuery matching(String resourceType, List<Criterion> criteria, int limit) {
        SqlBuilder builder = new SqlBuilder();
        builder.where.append("r.res_type = ").append(builder.bind(resourceType)).append(" and not r.deleted");
        for (Criterion criterion : criteria) {
            builder.where.append(" and ");
            builder.append(criterion);
        }
        String sql = "select r.* from resource r where " + builder.where + " order by r.pk limit " + limit;
        return new SqlQuery(sql, builder.parameters);
    }

    private void append(Criterion criterion) {
        if (criterion.param() == null) {
            appendId(criterion);
            return;
        }
        switch (criterion.param().type()) {
            case TOKEN -> appendToken(criterion);
            case STRING -> appendString(criterion);
            case REFERENCE -> appendReference(criterion);
            default -> throw CriteriaParser.invalid("Parameter type " + criterion.param().type() + " is not searchable yet");
        }
    }

    private void appendId(Criterion criterion) {
        rejectModifier(criterion);
        where.append("r.res_id in (");
        for (int i = 0; i < criterion.values().size(); i++) {
            where.append(i == 0 ? "" : ", ").append(bind(criterion.values().get(i)));
        }
        where.append(')');
    }

    private void appendToken(Criterion criterion) {
        rejectModifier(criterion);
        openSemiJoin("idx_token", criterion);
        for (int i = 0; i < criterion.values().size(); i++) {
            String value = criterion.values().get(i);
            where.append(i == 0 ? "(" : " or (");
            int bar = indexOfUnescapedBar(value);
            if (bar < 0) {
                where.append("i.code = ").append(bind(unescape(value)));
            } else {
                String system = unescape(value.substring(0, bar));
                String code = unescape(value.substring(bar + 1));
                if (system.isEmpty()) {
                    where.append("i.system is null and i.code = ").append(bind(code));
                } else if (code.isEmpty()) {
                    where.append("i.system = ").append(bind(system));
                } else {
                    where.append("i.code = ").append(bind(code)).append(" and i.system = ").append(bind(system));
                }
            }
            where.append(')');
        }
        where.append("))");
    }

    private void appendString(Criterion criterion) {
        String modifier = criterion.modifier();
        if (modifier != null && !modifier.equals("exact") && !modifier.equals("contains")) {
            throw CriteriaParser.invalid("Modifier :" + modifier + " is not supported on string parameter " + criterion.name());
        }
        openSemiJoin("idx_string", criterion);
        for (int i = 0; i < criterion.values().size(); i++) {
            String value = criterion.values().get(i);
            where.append(i == 0 ? "" : " or ");
            if ("exact".equals(modifier)) {
                where.append("i.value_exact = ").append(bind(value));
            } else {
                String pattern = likeEscape(StringExtractor.normalize(value));
                String like = "contains".equals(modifier) ? "%" + pattern + "%" : pattern + "%";
                where.append("i.value_normalized like ").append(bind(like));
            }
        }
        where.append("))");
    }

    private void appendReference(Criterion criterion) {
        String typeModifier = criterion.modifier();
        if (typeModifier != null && !Character.isUpperCase(typeModifier.charAt(0))) {
            throw CriteriaParser.invalid("Modifier :" + typeModifier + " is not supported on reference parameter " + criterion.name());
        }
        openSemiJoin("idx_reference", criterion);
        for (int i = 0; i < criterion.values().size(); i++) {
            String value = criterion.values().get(i);
            where.append(i == 0 ? "(" : " or (");
            if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("urn:")) {
                where.append("i.target_url = ").append(bind(value));
            } else {
                IdType id = new IdType(value);
                String type = id.hasResourceType() ? id.getResourceType() : typeModifier;
                where.append("i.target_id = ").append(bind(id.getIdPart()));
                if (type != null) {
                    where.append(" and i.target_type = ").append(bind(type));
                }
            }
            where.append(')');
        }
        where.append("))");
    }

    private void openSemiJoin(String table, Criterion criterion) {
        where.append("r.pk in (select i.resource_pk from ").append(table)
                .append(" i where i.res_type = r.res_type and i.param = ").append(bind(criterion.name()))
                .append(" and (");
    }

    private String bind(Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }

    private static void rejectModifier(Criterion criterion) {
        if (criterion.modifier() != null) {
            throw CriteriaParser.invalid("Modifier :" + criterion.modifier() + " is not supported on " + criterion.name());
        }
    }

    private static int indexOfUnescapedBar(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\\') {
                i++;
            } else if (value.charAt(i) == '|') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String value) {
        return value.replace("\\|", "|");
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
