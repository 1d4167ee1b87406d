package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One R4 FhirContext for the whole service: it is expensive to build and thread-safe once built. */
@ApplicationScoped
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // A lab result with an element we do not understand must not be stored silently without it.
        context.setParserErrorHandler(new StrictErrorHandler());
        // Bundle entries keep their own ids; fullUrl (often urn:uuid:) is resolved by the transaction.
        context.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
        context.getParserOptions().setStripVersionsFromReferences(false);
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        context.setValidationSupport(new CoreTypeDefinitions(context));
        return context;
    }
}
