package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The two FHIR wire formats, and the media types and `_format` values that name them. */
public enum FhirFormat {
    JSON("application/fhir+json",
            Set.of("application/fhir+json", "application/json+fhir", "application/json", "text/json"),
            Set.of("json", "application/fhir+json", "application/json", "application/json+fhir")),
    XML("application/fhir+xml",
            Set.of("application/fhir+xml", "application/xml+fhir", "application/xml", "text/xml"),
            Set.of("xml", "application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml"));

    private final String mediaType;
    private final Set<String> mediaTypes;
    private final Set<String> formatParams;

    FhirFormat(String mediaType, Set<String> mediaTypes, Set<String> formatParams) {
        this.mediaType = mediaType;
        this.mediaTypes = mediaTypes;
        this.formatParams = formatParams;
    }

    /** The media type this server answers with, with its charset. */
    public String contentType() {
        return mediaType + ";charset=UTF-8";
    }

    public String mediaType() {
        return mediaType;
    }

    public IParser newParser(FhirContext context) {
        return this == JSON ? context.newJsonParser() : context.newXmlParser();
    }

    /** The format of a body declared with this Content-Type (parameters such as charset ignored). */
    public static Optional<FhirFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (FhirFormat format : values()) {
            if (format.mediaTypes.contains(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format named by a `_format` parameter, which may be a short name or a media type. */
    public static Optional<FhirFormat> ofFormatParam(String value) {
        String bare = value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (FhirFormat format : values()) {
            if (format.formatParams.contains(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
