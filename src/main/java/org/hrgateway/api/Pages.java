package org.hrgateway.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;

/**
 * What people read rather than programs (cards, pages, exports): whether a request asks for a page or a
 * CSV export, and in which language.
 */
final class Pages {

    private Pages() {
    }

    /** `en` when the first language of `Accept-Language` is English, else `zh`. */
    static String language(HttpHeaders headers) {
        return headers.getAcceptableLanguages().stream().findFirst()
                .filter(locale -> locale.getLanguage().equals(Locale.ENGLISH.getLanguage()))
                .map(locale -> "en").orElse("zh");
    }

    /** `_format=html` (FHIR's name for it), or a browser's Accept that puts text/html first. */
    static boolean page(UriInfo uri, HttpHeaders headers) {
        String format = uri.getQueryParameters().getFirst("_format");
        if (format != null) {
            return format.equals("html") || format.equals("text/html");
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE)
                && !accepted.get(0).isWildcardType();
    }

    /** `_format=csv` or `text/csv`: a spreadsheet's export. */
    static boolean csv(UriInfo uri) {
        String format = uri.getQueryParameters().getFirst("_format");
        return "csv".equals(format) || "text/csv".equals(format);
    }
}
