package org.hrgateway.api;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;

/** The language of what people read (cards, pages): Chinese, unless the client prefers English. */
final class PageLanguage {

    private PageLanguage() {
    }

    /** `en` when the first language of `Accept-Language` is English, else `zh`. */
    static String of(HttpHeaders headers) {
        return headers.getAcceptableLanguages().stream().findFirst()
                .filter(locale -> locale.getLanguage().equals(Locale.ENGLISH.getLanguage()))
                .map(locale -> "en").orElse("zh");
    }
}
