package org.hrgateway.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.search.query.Cursor;
import org.hrgateway.search.query.Include;
import org.hrgateway.search.query.QueryContext;
import org.hrgateway.search.query.SearchRequest;
import org.hrgateway.search.query.SearchSql;
import org.hrgateway.search.query.SqlQuery;
import org.hrgateway.store.NativeSql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a parsed search in one read session: the page (one statement), the total when asked, and the
 * includes (one statement each, `:iterate` repeated over what the previous round added).
 */
@ApplicationScoped
public class SearchExecutor {

    /** Rounds of `:iterate`; a reference chain deeper than this in one page is not followed further. */
    private static final int MAX_ITERATIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mutiny.SessionFactory sessions;
    private final int maxIncluded;
    private final ValueSetResolver valueSets;

    public SearchExecutor(Mutiny.SessionFactory sessions, GatewayConfig config, ValueSetResolver valueSets) {
        this.sessions = sessions;
        this.valueSets = valueSets;
        this.maxIncluded = config.paging().maxCount();
    }

    public Uni<SearchResult> execute(SearchRequest request, QueryContext base) {
        return sessions.withSession(session -> valueSets.resolve(session, ValueSetResolver.urlsOf(request.criteria()))
                .map(resolved -> new QueryContext(base.baseUrl(), base.zone(), resolved))
                .chain(context -> execute(session, request, context)));
    }

    private Uni<SearchResult> execute(Mutiny.Session session, SearchRequest request, QueryContext context) {
        return page(session, request, context)
                .chain(page -> total(session, request, context, page)
                        .chain(total -> includes(session, request, context, page.matches)
                                .map(included -> new SearchResult(request, page.matches, included, total,
                                        page.next, page.previous))));
    }

    private record Page(List<SearchRow> matches, boolean firstAndComplete, Cursor next, Cursor previous) {
    }

    private Uni<Page> page(Mutiny.Session session, SearchRequest request, QueryContext context) {
        if (request.countOnly() || request.count() == 0) {
            return Uni.createFrom().item(new Page(List.of(), false, null, null));
        }
        return rows(session, SearchSql.page(request, context)).map(rows -> toPage(request, rows));
    }

    private static Page toPage(SearchRequest request, List<SearchRow> rows) {
        Cursor cursor = request.cursor();
        boolean backwards = cursor != null && cursor.backwards();
        boolean more = rows.size() > request.count();
        List<SearchRow> matches = new ArrayList<>(more ? rows.subList(0, request.count()) : rows);
        if (backwards) {
            Collections.reverse(matches);
        }
        if (matches.isEmpty()) {
            return new Page(matches, cursor == null, null, null);
        }
        SearchRow first = matches.get(0);
        SearchRow last = matches.get(matches.size() - 1);
        boolean hasNext = backwards || more;
        boolean hasPrevious = backwards ? more : cursor != null;
        return new Page(matches, cursor == null && !more,
                hasNext ? new Cursor(false, last.sortValues(), last.pk()) : null,
                hasPrevious ? new Cursor(true, first.sortValues(), first.pk()) : null);
    }

    /** The total: free when the first page holds everything, else counted or estimated when asked. */
    private Uni<Long> total(Mutiny.Session session, SearchRequest request, QueryContext context, Page page) {
        if (page.firstAndComplete && !request.countOnly()) {
            return Uni.createFrom().item((long) page.matches.size());
        }
        if (request.countOnly() || request.total() == SearchRequest.Total.ACCURATE) {
            return single(session, SearchSql.count(request, context)).map(count -> ((Number) count).longValue());
        }
        if (request.total() == SearchRequest.Total.ESTIMATE) {
            return single(session, SearchSql.estimate(request, context)).map(SearchExecutor::planRows);
        }
        return Uni.createFrom().nullItem();
    }

    private Uni<List<SearchRow>> includes(Mutiny.Session session, SearchRequest request, QueryContext context,
                                          List<SearchRow> matches) {
        if (matches.isEmpty() || (request.includes().isEmpty() && request.revincludes().isEmpty())) {
            return Uni.createFrom().item(List.of());
        }
        Set<Long> seen = new HashSet<>();
        matches.forEach(row -> seen.add(row.pk()));
        List<SearchRow> included = new ArrayList<>();
        return round(session, request, context, matches, seen, included, true, 0).replaceWith(included);
    }

    /** One round of includes over `sources`; iterating includes continue over what it added. */
    private Uni<Void> round(Mutiny.Session session, SearchRequest request, QueryContext context,
                            List<SearchRow> sources, Set<Long> seen,
                            List<SearchRow> included, boolean firstRound, int iteration) {
        List<SearchRow> added = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Include include : request.includes()) {
            if (!firstRound && !include.iterate()) {
                continue;
            }
            List<Long> pks = sources.stream()
                    .filter(row -> include.sourceType().equals(row.stored().type()))
                    .map(SearchRow::pk).toList();
            if (!pks.isEmpty()) {
                chain = chain.chain(() -> rows(session, SearchSql.include(include, pks, maxIncluded, context))
                        .invoke(rows -> keepNew(rows, seen, included, added)).replaceWithVoid());
            }
        }
        for (Include include : request.revincludes()) {
            if (!firstRound && !include.iterate()) {
                continue;
            }
            List<String[]> targets = sources.stream()
                    .map(row -> new String[]{row.stored().type(), row.stored().id()}).toList();
            chain = chain.chain(() -> rows(session, SearchSql.revinclude(include, targets, maxIncluded, context))
                    .invoke(rows -> keepNew(rows, seen, included, added)).replaceWithVoid());
        }
        return chain.chain(() -> added.isEmpty() || iteration + 1 >= MAX_ITERATIONS || !anyIterate(request)
                ? Uni.createFrom().voidItem()
                : round(session, request, context, added, seen, included, false, iteration + 1));
    }

    private static boolean anyIterate(SearchRequest request) {
        return request.includes().stream().anyMatch(Include::iterate)
                || request.revincludes().stream().anyMatch(Include::iterate);
    }

    private void keepNew(List<SearchRow> rows, Set<Long> seen, List<SearchRow> included, List<SearchRow> added) {
        for (SearchRow row : rows) {
            if (seen.add(row.pk()) && included.size() < maxIncluded) {
                included.add(row);
                added.add(row);
            }
        }
    }

    private static Uni<List<SearchRow>> rows(Mutiny.Session session, SqlQuery query) {
        return NativeSql.rows(session, query.sql(), query.parameters())
                .map(rows -> rows.stream().map(SearchRow::of).toList());
    }

    private static Uni<Object> single(Mutiny.Session session, SqlQuery query) {
        return NativeSql.value(session, query.sql(), query.parameters(), Object.class);
    }

    private static Long planRows(Object explain) {
        try {
            JsonNode plan = JSON.readTree(explain.toString());
            return plan.get(0).path("Plan").path("Plan Rows").asLong();
        } catch (Exception e) {
            return null;
        }
    }
}
