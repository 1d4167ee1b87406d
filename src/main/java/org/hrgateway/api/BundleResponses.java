package org.hrgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hrgateway.api.error.ErrorClassifier;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.interaction.WriteOutcome;
import org.hrgateway.interaction.bundle.EntryResult;
import org.hrgateway.store.StoredResource;

import java.util.Date;
import java.util.List;

/**
 * Builds transaction-response and batch-response Bundles (http.html#transaction-response): one entry
 * per request entry, in order. Resources are included only when the client asked with Prefer,
 * since an ingest client rarely wants its own resources echoed back.
 */
@ApplicationScoped
public class BundleResponses {

    private final ResourceCodec codec;

    public BundleResponses(ResourceCodec codec) {
        this.codec = codec;
    }

    /** `mayRead` says of a type whether the caller may read it: a create whose If-None-Exist matched shows the match only then. */
    public Bundle of(Bundle.BundleType type, List<EntryResult> results, FhirRequest request,
                     java.util.function.Predicate<String> mayRead) {
        Bundle bundle = new Bundle().setType(type);
        for (EntryResult result : results) {
            bundle.addEntry(entryOf(result, request, mayRead));
        }
        return bundle;
    }

    /** The stored resources `of` shows: what GET entries read, and the matches of creates the caller may read. */
    public static List<StoredResource> shown(List<EntryResult> results, FhirRequest request,
                                             java.util.function.Predicate<String> mayRead) {
        List<StoredResource> shown = new java.util.ArrayList<>();
        for (EntryResult result : results) {
            if (result.read() != null) {
                shown.add(result.read());
            } else if (result.written() != null && matched(result) && mayRead.test(result.written().stored().type())
                    && request.prefer().returns() == Prefer.Return.REPRESENTATION) {
                shown.add(result.written().stored());
            }
        }
        return shown;
    }

    /** A create whose If-None-Exist matched a stored resource: nothing was written. */
    private static boolean matched(EntryResult result) {
        return result.request() != null && result.request().method() == org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST
                && result.written().status() == 200;
    }

    private BundleEntryComponent entryOf(EntryResult result, FhirRequest request,
                                         java.util.function.Predicate<String> mayRead) {
        BundleEntryComponent entry = new BundleEntryComponent();
        if (result.failure() != null) {
            ErrorClassifier.Classified error = ErrorClassifier.classify(result.failure());
            entry.getResponse().setStatus(statusLine(error.status())).setOutcome(error.outcome());
            return entry;
        }
        StoredResource stored = result.written() != null ? result.written().stored() : result.read();
        entry.setFullUrl(request.baseUrl() + "/" + stored.relativeUrl());
        BundleEntryResponseComponent response = entry.getResponse()
                .setEtag(stored.etag())
                .setLastModified(Date.from(stored.lastUpdated()));
        if (result.read() != null) {
            response.setStatus(statusLine(200));
            entry.setResource(codec.parseStored(stored.json()));
            return entry;
        }
        WriteOutcome written = result.written();
        response.setStatus(statusLine(written.status()));
        if (!stored.deleted()) {
            response.setLocation(stored.versionedUrl());
        }
        Prefer.Return returns = request.prefer().returns();
        if (returns == Prefer.Return.REPRESENTATION && !stored.deleted()
                && (!matched(result) || mayRead.test(stored.type()))) {
            entry.setResource(codec.parseStored(stored.json()));
        } else if (returns == Prefer.Return.OPERATION_OUTCOME) {
            response.setOutcome(written.toOutcome());
        }
        if (!written.warnings().isEmpty() && returns != Prefer.Return.OPERATION_OUTCOME) {
            // A warning (a repeat test found) is worth a client's attention whatever it preferred.
            response.setOutcome(written.toOutcome());
        }
        return entry;
    }

    private static String statusLine(int status) {
        return switch (status) {
            case 200 -> "200 OK";
            case 201 -> "201 Created";
            case 400 -> "400 Bad Request";
            case 404 -> "404 Not Found";
            case 409 -> "409 Conflict";
            case 410 -> "410 Gone";
            case 412 -> "412 Precondition Failed";
            case 413 -> "413 Payload Too Large";
            case 422 -> "422 Unprocessable Entity";
            case 503 -> "503 Service Unavailable";
            default -> String.valueOf(status);
        };
    }
}
