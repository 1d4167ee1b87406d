package org.hrgateway.search.query;

import org.hl7.fhir.r4.model.IdType;
import org.hrgateway.search.index.IndexExtractor;
import org.hrgateway.search.index.IndexedText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        PatientIds patients = patientIds(criterion, typeModifier, context);
        if (patients != null) {
            appendPatientsRows(criterion.name(), patients, alias, type, sql);
            sql.append(" and ");
        }
        String i = IndexJoin.open(sql, "idx_reference", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> appendValue(i, value, typeModifier, sql, context));
        IndexJoin.close(sql);
    }

    /**
     * A search for a patient's own results starts from that patient's index rows, whatever the
     * statistics say: `pk = any(array(...))` is computed first and drives the search by primary key.
     * Left to the planner, a generic plan started from the code (the estimate of `code = $1` is a
     * fraction of a row, the real count hundreds or hundreds of thousands) and probed every result
     * with that code for the patient: 335 req/s instead of 3,000 on a database whose AuditEvents
     * skew the figures (bench/RESULTS.md, 2026-12-05). A patient's own rows are few by nature, so the
     * shape is safe; the exists that follows still applies the full reference rules. A bare id on a
     * parameter that may also name a Group (`patient=123`) is driven by the id alone: a superset.
     */
    private static void appendPatientsRows(String param, PatientIds patients, String alias, String type, SqlWriter sql) {
        String p = sql.alias("p");
        sql.append(alias).append(".pk = any(array(select ").append(p).append(".resource_pk from idx_reference ").append(p)
                .append(" where ").append(p).append(".res_type = ").name(type)
                .append(" and ").append(p).append(".param = ").name(param).append(" and ");
        if (patients.typed()) {
            sql.append(p).append(".target_type = 'Patient' and ");
        }
        sql.append(p).append(".target_id in (");
        for (int n = 0; n < patients.ids().size(); n++) {
            sql.append(n == 0 ? "" : ", ").bind(patients.ids().get(n));
        }
        sql.append(")))");
    }

    /** Ids of Patients on this server; `typed` when every value is known to name a Patient, not a Group. */
    private record PatientIds(List<String> ids, boolean typed) {
    }

    /** A reference value with this server's base taken off: `[base]/Patient/1` is `Patient/1`. */
    private static String local(String value, QueryContext context) {
        return value.startsWith(context.baseUrl() + "/") ? value.substring(context.baseUrl().length() + 1) : value;
    }

    /**
     * The ids when every value names a Patient on this server by id (`Patient/1`, or `1` on a parameter
     * that may target a Patient); null otherwise.
     */
    private static PatientIds patientIds(Criterion criterion, String typeModifier, QueryContext context) {
        if (typeModifier != null && !typeModifier.equals("Patient")) {
            return null;
        }
        boolean mayBePatient = "Patient".equals(typeModifier) || criterion.param().targets().contains("Patient");
        boolean onlyPatients = "Patient".equals(typeModifier) || Set.of("Patient").equals(criterion.param().targets());
        boolean typed = true;
        List<String> ids = new ArrayList<>();
        for (String value : criterion.values()) {
            String local = local(value, context);
            if (local.contains("://") || local.startsWith("urn:")) {
                return null;
            }
            IdType id = new IdType(local);
            if (!id.hasIdPart() || (id.hasResourceType() ? !id.getResourceType().equals("Patient") : !mayBePatient)) {
                return null;
            }
            typed &= id.hasResourceType() || onlyPatients;
            ids.add(id.getIdPart());
        }
        return ids.isEmpty() ? null : new PatientIds(ids, typed);
    }

    private static void appendValue(String i, String value, String typeModifier, SqlWriter sql, QueryContext context) {
        String local = local(value, context);
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
