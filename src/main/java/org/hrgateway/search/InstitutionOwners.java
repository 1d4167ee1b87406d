package org.hrgateway.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;
import org.hrgateway.store.NativeSql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Organizations own a stored resource, with the institution codes each carries: the
 * Organizations its owner parameter names (`hr.security.institutions.owner`), directly or through a
 * PractitionerRole's organization; an Organization owned by `_id` is its own owner. Read in the
 * caller's session, so that what its transaction wrote is seen. Only local references count: one to
 * another server names nothing this gateway can vouch for.
 */
@ApplicationScoped
public class InstitutionOwners {

    static final String SQL = """
            with me as (
                select pk from resource where res_type = ?1 and res_id = ?2 and not deleted
            ), refs as (
                select i.target_type, i.target_id, i.target_url,
                       coalesce(i.target_url is null or i.target_url = ?4 || i.target_type || '/' || i.target_id, false) as local
                  from me join idx_reference i on i.resource_pk = me.pk and i.res_type = ?1 and i.param = ?3
            ), named as (
                select r.target_type, r.target_id from refs r
                 where r.local and r.target_type in ('Organization', 'PractitionerRole')
                union all
                select 'Organization', ?2 from me where ?1 = 'Organization' and ?3 = '_id'
            ), owners as (
                select n.target_id as org from named n where n.target_type = 'Organization'
                union
                select o.target_id from named n
                  join resource pr on pr.res_type = 'PractitionerRole' and pr.res_id = n.target_id and not pr.deleted
                  join idx_reference o on o.resource_pk = pr.pk and o.res_type = 'PractitionerRole'
                                      and o.param = 'organization' and o.target_type = 'Organization'
                                      and (o.target_url is null or o.target_url = ?4 || 'Organization/' || o.target_id)
                 where n.target_type = 'PractitionerRole'
            )
            select 'owner', w.org, t.code from owners w
              left join resource org on org.res_type = 'Organization' and org.res_id = w.org and not org.deleted
              left join idx_token t on t.resource_pk = org.pk and t.res_type = 'Organization'
                                   and t.param = 'identifier' and t.system = ?5
            union all
            select 'unresolved', coalesce(r.target_url, r.target_type || '/' || r.target_id), null from refs r
             where (r.target_type in ('Organization', 'PractitionerRole') and not r.local) or r.target_type is null
            """;

    private final String identifierSystem;

    public InstitutionOwners(GatewayConfig config, SearchParamRegistry registry) {
        this.identifierSystem = config.security().institutions().identifierSystem();
        List<String> wrong = misconfigured(config.security().institutions().owner(), registry::find);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("hr.security.institutions.owner names what cannot name an owner: "
                    + String.join("; ", wrong));
        }
    }

    /** Each owner parameter must be a reference parameter of its type (or `_id` for an Organization). */
    static List<String> misconfigured(Map<String, String> owners,
                                      java.util.function.BiFunction<String, String, Optional<SearchParamDef>> lookup) {
        List<String> wrong = new ArrayList<>();
        owners.forEach((type, param) -> {
            if (param.equals("_id")) {
                if (!type.equals("Organization")) {
                    wrong.add(type + "=_id: only an Organization is its own owner");
                }
                return;
            }
            Optional<SearchParamDef> defined = lookup.apply(type, param);
            if (defined.isEmpty() || defined.get().type() != RestSearchParameterTypeEnum.REFERENCE) {
                wrong.add(type + "=" + param + ": not a reference search parameter of " + type);
            }
        });
        return wrong;
    }

    /**
     * What the owner parameter of a resource names.
     *
     * @param organizations Organization id → the institution codes it carries (empty when it carries
     *                      none or is not stored); empty when nothing names an owner
     * @param unresolved    references in the owner parameter that name no local resource (another
     *                      server's Organization, a placeholder)
     */
    public record Owners(Map<String, Set<String>> organizations, List<String> unresolved) {
    }

    /**
     * The owners of `type/id` as it stands in `session`.
     *
     * @param param   the owner parameter of `type`
     * @param baseUrl the server's base, whose absolute references count as local
     */
    public Uni<Owners> of(Mutiny.Session session, String type, String id, String param, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return NativeSql.rows(session, SQL, List.of(type, id, param, base, identifierSystem))
                .map(rows -> {
                    Map<String, Set<String>> organizations = new LinkedHashMap<>();
                    List<String> unresolved = new ArrayList<>();
                    for (Object[] row : rows) {
                        if ("unresolved".equals(row[0])) {
                            unresolved.add((String) row[1]);
                            continue;
                        }
                        Set<String> codes = organizations.computeIfAbsent((String) row[1], org -> new LinkedHashSet<>());
                        if (row[2] != null) {
                            codes.add((String) row[2]);
                        }
                    }
                    return new Owners(organizations, unresolved);
                });
    }
}
