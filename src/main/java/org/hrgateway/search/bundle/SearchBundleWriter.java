package org.hrgateway.search.bundle;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResponseFormat;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.SearchRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Writes a searchset Bundle. For plain JSON the stored resource texts are spliced into the Bundle
 * as they are, without parsing them; XML, `_pretty`, `_summary` and `_elements` go through HAPI.
 */
@ApplicationScoped
public class SearchBundleWriter {

    private final ResourceCodec codec;
    private final BlockingWork blocking;

    public SearchBundleWriter(ResourceCodec codec, BlockingWork blocking) {
        this.codec = codec;
        this.blocking = blocking;
    }

    /**
     * `links` are relation → URL pairs in order (self first). Splicing is string work done where it
     * is called; parsing and encoding a page with HAPI is CPU work, done on a worker.
     */
    public Uni<String> write(SearchResult result, List<String[]> links, String baseUrl, ResponseFormat format) {
        if (format.isVerbatimJson()) {
            return Uni.createFrom().item(spliced(result, links, baseUrl));
        }
        return blocking.run(() -> viaHapi(result, links, baseUrl, format));
    }

    private static String spliced(SearchResult result, List<String[]> links, String baseUrl) {
        StringBuilder json = new StringBuilder(256 + estimate(result));
        json.append("{\"resourceType\":\"Bundle\",\"id\":\"").append(UUID.randomUUID())
                .append("\",\"meta\":{\"lastUpdated\":\"").append(Instant.now()).append("\"},\"type\":\"searchset\"");
        if (result.total() != null) {
            json.append(",\"total\":").append(result.total());
        }
        json.append(",\"link\":[");
        for (int i = 0; i < links.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"relation\":").append(quote(links.get(i)[0]))
                    .append(",\"url\":").append(quote(links.get(i)[1])).append('}');
        }
        json.append(']');
        List<SearchRow> all = new ArrayList<>(result.matches());
        all.addAll(result.included());
        if (!all.isEmpty()) {
            json.append(",\"entry\":[");
            for (int i = 0; i < all.size(); i++) {
                SearchRow row = all.get(i);
                json.append(i == 0 ? "" : ",").append("{\"fullUrl\":")
                        .append(quote(baseUrl + "/" + row.stored().relativeUrl()))
                        .append(",\"resource\":").append(row.stored().json())
                        .append(",\"search\":{\"mode\":\"").append(i < result.matches().size() ? "match" : "include")
                        .append("\"}}");
            }
        }
        if (!result.warnings().isEmpty()) {
            json.append(all.isEmpty() ? ",\"entry\":[" : ",").append("{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[");
            for (int i = 0; i < result.warnings().size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"severity\":\"warning\",\"code\":\"suppressed\",\"diagnostics\":")
                        .append(quote(result.warnings().get(i))).append('}');
            }
            json.append("]},\"search\":{\"mode\":\"outcome\"}}");
        }
        if (!all.isEmpty() || !result.warnings().isEmpty()) {
            json.append(']');
        }
        return json.append('}').toString();
    }

    private String viaHapi(SearchResult result, List<String[]> links, String baseUrl, ResponseFormat format) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date());
        if (result.total() != null) {
            bundle.setTotal(result.total().intValue());
        }
        links.forEach(link -> bundle.addLink().setRelation(link[0]).setUrl(link[1]));
        addEntries(bundle, result.matches(), SearchEntryMode.MATCH, baseUrl);
        addEntries(bundle, result.included(), SearchEntryMode.INCLUDE, baseUrl);
        if (!result.warnings().isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            result.warnings().forEach(warning -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.SUPPRESSED).setDiagnostics(warning));
            bundle.addEntry().setResource(outcome).getSearch().setMode(SearchEntryMode.OUTCOME);
        }
        return codec.encode(bundle, format);
    }

    private void addEntries(Bundle bundle, List<SearchRow> rows, SearchEntryMode mode, String baseUrl) {
        for (SearchRow row : rows) {
            bundle.addEntry()
                    .setFullUrl(baseUrl + "/" + row.stored().relativeUrl())
                    .setResource(codec.parseStored(row.stored().json()))
                    .getSearch().setMode(mode);
        }
    }

    private static int estimate(SearchResult result) {
        int size = 0;
        for (SearchRow row : result.matches()) {
            size += row.stored().json().length() + 160;
        }
        for (SearchRow row : result.included()) {
            size += row.stored().json().length() + 160;
        }
        return size;
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
