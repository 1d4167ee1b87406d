package org.hrgateway.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.search.query.CriteriaParser;
import org.hrgateway.search.query.Criterion;
import org.hrgateway.search.query.QueryStrings;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.search.query.QueryContext;
import org.hrgateway.search.query.SearchSql;
import org.hrgateway.search.query.SqlQuery;
import org.hrgateway.store.NativeSql;
import org.hrgateway.store.ResourceEntity;

import java.time.ZoneId;
import java.util.List;

/**
 * Finds the resources a conditional create, update, delete or reference names by a search
 * (http.html#cond-update). Strict: an unknown parameter is an error here, since ignoring it could
 * update or delete the wrong resource.
 */
@ApplicationScoped
public class ConditionalMatcher {

    /** Two matches already make the condition ambiguous; reading more would be wasted work. */
    private static final int ENOUGH_TO_DECIDE = 2;

    private final CriteriaParser parser;
    private final QueryContext context;

    public ConditionalMatcher(CriteriaParser parser, GatewayConfig config) {
        this.parser = parser;
        this.context = new QueryContext(config.baseUrl().orElse(""), config.defaultTimezone());
    }

    public Uni<List<ResourceEntity>> match(Mutiny.Session session, String type, String query) {
        List<Criterion> criteria = criteria(type, query);
        SqlQuery sql = SearchSql.matching(type, criteria, context, ENOUGH_TO_DECIDE);
        return NativeSql.entities(session, sql.sql(), sql.parameters(), ResourceEntity.class);
    }

    /**
     * Serializes concurrent conditional writes with the same condition until commit, so two
     * If-None-Exist creates of one identifier cannot both create.
     */
    public Uni<Void> lockCondition(Mutiny.Session session, String type, String query) {
        String key = type + "?" + String.join("&", QueryStrings.parse(query).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .sorted()
                .toList());
        return NativeSql.rows(session, "select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) as locked",
                        List.of(key))
                .replaceWithVoid();
    }

    private List<Criterion> criteria(String type, String query) {
        List<Criterion> criteria = parser.parse(type, QueryStrings.parse(query));
        if (criteria.isEmpty()) {
            throw CriteriaParser.invalid("A conditional " + type + " request needs at least one search criterion");
        }
        return criteria;
    }
}
