package org.hrgateway.interaction;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.db.ReadReplica;
import org.hrgateway.search.SearchExecutor;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.query.QueryContext;
import org.hrgateway.search.query.SearchRequestParser;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FHIR search interaction at type level. https://hl7.org/fhir/R4/http.html#search
 * Unknown parameters are ignored and left out of the self link, unless the client asked with
 * `Prefer: handling=strict`, which makes them a 400 (search.html#errors).
 */
@ApplicationScoped
public class SearchInteraction implements DeclaresInteractions {

    private final SearchRequestParser parser;
    private final SearchExecutor executor;
    private final ZoneId zone;

    public SearchInteraction(SearchRequestParser parser, SearchExecutor executor, GatewayConfig config) {
        this.parser = parser;
        this.executor = executor;
        this.zone = config.defaultTimezone();
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.SEARCHTYPE);
    }

    public Uni<SearchResult> search(String type, Map<String, List<String>> params, boolean strict, String baseUrl) {
        return Uni.createFrom().item(() -> parser.parse(type, params, strict))
                .chain(request -> ReadReplica.read(() -> executor.execute(request, new QueryContext(baseUrl, zone))));
    }
}
