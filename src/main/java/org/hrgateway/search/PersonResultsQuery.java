package org.hrgateway.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;
import org.hrgateway.store.StoredResource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What `$recognize` judges, read in one statement: the Patient records of one person (sharing a
 * resident id), their current Observations and DiagnosticReports with the requested codes, which
 * of those Observations a marked DiagnosticReport lists, and the performing Organizations.
 *
 * <p>One statement of fixed text, kept prepared by the pool ({@code db/StatementCachingPool}) and
 * run with PostgreSQL's generic plan, forced (also {@code db/StatementCachingPool}): planning it costs about 5 ms,
 * running it about 0.3 ms (1,000,000 Observations). Each step is a materialized CTE that starts from
 * the few rows of the step before (the person's Patients, then their results). The results are
 * taken by key from the person's subject references (`pk = any(array(...))`), whatever the
 * estimates: the person step is estimated at 1,798 rows for its 1 or 2 (a join on a bound parameter
 * name), and with that figure the generic plan started from every result with the requested codes
 * instead, 2.4 s on 1,000,000 Observations (bench/RESULTS.md, 2026-12-05).
 */
@ApplicationScoped
public class PersonResultsQuery {

    /** The search parameters read here, by code: the package's and R4's. */
    public record Params(String residentId, String mark) {
    }

    /**
     * @param given      the requested Patient ids found, with whether each is deleted
     * @param person     the live Patient ids of the person (the given ones and those sharing a resident id)
     * @param results    their results for the codes: the newest by `date`, at most the limit, in no order
     * @param listed     ids of the Observations among `results` that a marked DiagnosticReport lists
     * @param performers the local Organizations that performed one of `results`
     */
    public record PersonResults(List<Given> given, List<String> person, List<StoredResource> results, Set<String> listed,
                                List<StoredResource> performers) {
    }

    public record Given(String id, boolean deleted) {
    }

    static final String SQL = """
            with given as materialized (
                select r.pk, r.res_id, r.deleted from resource r
                 where r.res_type = 'Patient' and r.res_id = any(cast($1 as text[]))
            ), person as materialized (
                select g.res_id from given g where not g.deleted
                union
                select p.res_id from given g
                  join idx_token mine on mine.resource_pk = g.pk and mine.res_type = 'Patient' and mine.param = $6
                  join idx_token same on same.res_type = 'Patient' and same.param = $6 and same.code = mine.code
                                     and same.system is not distinct from mine.system
                  join resource p on p.pk = same.resource_pk
                 where not g.deleted and not p.deleted and mine.code is not null
            ), results as materialized (
                select r.pk, r.res_type, r.res_id, r.version_id, r.content from resource r
                 where r.pk = any(array(
                         select s.resource_pk from person p
                           join idx_reference s on s.res_type in ('Observation', 'DiagnosticReport') and s.param = 'subject'
                                               and s.target_id = p.res_id and s.target_type = 'Patient'
                                               and (cast($4 as text) is null or s.target_url is null
                                                    or s.target_url = cast($4 as text) || 'Patient/' || s.target_id)))
                   and not r.deleted
                   and exists (select 1 from idx_token c
                                where c.resource_pk = r.pk and c.res_type = r.res_type and c.param = 'code'
                                  and (c.system, c.code) in (select * from unnest(cast($2 as text[]), cast($3 as text[]))))
                 order by (select max(d.low) from idx_date d
                            where d.resource_pk = r.pk and d.res_type = r.res_type and d.param = 'date') desc nulls last,
                          r.pk desc
                 limit $5
            ), listed as materialized (
                select distinct o.res_id from results o
                  join idx_reference l on l.res_type = 'DiagnosticReport' and l.param = 'result'
                                      and l.target_id = o.res_id and l.target_type = 'Observation'
                                      and (cast($4 as text) is null or l.target_url is null
                                           or l.target_url = cast($4 as text) || 'Observation/' || l.target_id)
                 where o.res_type = 'Observation'
                   and exists (select 1 from idx_token m
                                where m.resource_pk = l.resource_pk and m.res_type = 'DiagnosticReport' and m.param = $7)
            ), performers as materialized (
                select distinct f.target_id from results x
                  join idx_reference f on f.resource_pk = x.pk and f.res_type = x.res_type and f.param = 'performer'
                                      and f.target_type = 'Organization' and f.target_url is null
            )
            select 'given', g.res_id, 0, null, g.deleted from given g
            union all select 'person', p.res_id, 0, null, false from person p
            union all select r.res_type, r.res_id, r.version_id, r.content, false from results r
            union all select 'listed', l.res_id, 0, null, false from listed l
            union all select 'Organization', o.res_id, o.version_id, o.content, false from performers f
              join resource o on o.res_type = 'Organization' and o.res_id = f.target_id and not o.deleted
            """;

    /**
     * The search parameters the statement reads by their R4 codes, with the type its SQL assumes. The
     * search parameter registry must define each the same way, or the gateway does not start: a
     * `$recognize` that judged other results than a search shows would be worse than none.
     */
    static final List<Expected> READS = List.of(
            new Expected("Observation", "subject", RestSearchParameterTypeEnum.REFERENCE),
            new Expected("DiagnosticReport", "subject", RestSearchParameterTypeEnum.REFERENCE),
            new Expected("Observation", "code", RestSearchParameterTypeEnum.TOKEN),
            new Expected("DiagnosticReport", "code", RestSearchParameterTypeEnum.TOKEN),
            new Expected("Observation", "date", RestSearchParameterTypeEnum.DATE),
            new Expected("DiagnosticReport", "date", RestSearchParameterTypeEnum.DATE),
            new Expected("Observation", "performer", RestSearchParameterTypeEnum.REFERENCE),
            new Expected("DiagnosticReport", "performer", RestSearchParameterTypeEnum.REFERENCE),
            new Expected("DiagnosticReport", "result", RestSearchParameterTypeEnum.REFERENCE));

    record Expected(String resourceType, String code, RestSearchParameterTypeEnum type) {
    }

    private final Pool pool;

    public PersonResultsQuery(Pool pool, SearchParamRegistry registry) {
        this.pool = pool;
        List<String> drift = drift(registry::find);
        if (!drift.isEmpty()) {
            throw new IllegalStateException("The $recognize read and the search parameters disagree: "
                    + String.join("; ", drift));
        }
    }

    /** What differs between {@link #READS} and the parameters `lookup` defines; empty when nothing does. */
    static List<String> drift(BiFunction<String, String, Optional<SearchParamDef>> lookup) {
        List<String> drift = new ArrayList<>();
        for (Expected expected : READS) {
            Optional<SearchParamDef> defined = lookup.apply(expected.resourceType(), expected.code());
            if (defined.isEmpty()) {
                drift.add(expected.resourceType() + "." + expected.code() + " is not a search parameter");
            } else if (defined.get().type() != expected.type()) {
                drift.add(expected.resourceType() + "." + expected.code() + " is a " + defined.get().type().getCode()
                        + " parameter, read here as a " + expected.type().getCode());
            }
        }
        return drift;
    }

    /**
     * @param patients the Patient ids asked about
     * @param systems  the code systems of the requested codes, paired with `codes`
     * @param baseUrl  the server's base (absolute references on it count as local), or null
     * @param limit    the most results read
     */
    public Uni<PersonResults> find(List<String> patients, List<String> systems, List<String> codes, String baseUrl,
                                   int limit, Params params) {
        String base = baseUrl == null || baseUrl.isEmpty() ? null : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        Tuple parameters = Tuple.tuple()
                .addArrayOfString(patients.toArray(String[]::new))
                .addArrayOfString(systems.toArray(String[]::new))
                .addArrayOfString(codes.toArray(String[]::new))
                .addString(base)
                .addInteger(limit)
                .addString(params.residentId())
                .addString(params.mark());
        // Straight to the pool, not through Hibernate: a read of plain rows needs no session, and
        // Hibernate looks a native statement's plan up in its cache, never finds it, and adds it again.
        // On a connection of its own (withConnection) so that a caller who goes away cancels it.
        return pool.withConnection(connection -> connection.preparedQuery(SQL).execute(parameters))
                .map(PersonResultsQuery::read);
    }

    private static PersonResults read(RowSet<Row> rows) {
        List<Given> given = new ArrayList<>();
        Set<String> person = new LinkedHashSet<>();
        List<StoredResource> results = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        List<StoredResource> performers = new ArrayList<>();
        for (Row row : rows) {
            String kind = row.getString(0);
            String id = row.getString(1);
            switch (kind) {
                case "given" -> given.add(new Given(id, row.getBoolean(4)));
                case "person" -> person.add(id);
                case "listed" -> listed.add(id);
                default -> {
                    StoredResource stored = new StoredResource(kind, id, row.getInteger(2), null, false,
                            row.getString(3), null);
                    (kind.equals("Organization") ? performers : results).add(stored);
                }
            }
        }
        return new PersonResults(given, List.copyOf(person), results, listed, performers);
    }
}
