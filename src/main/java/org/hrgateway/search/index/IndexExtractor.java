package org.hrgateway.search.index;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts a resource's index values by evaluating each search parameter's FHIRPath expression.
 * Blocking CPU work: callers run it on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class IndexExtractor {

    private final FhirContext context;
    private final SearchParamRegistry registry;
    /** HAPI's FHIRPath engine keeps per-evaluation state, so each worker thread gets its own. */
    private final ThreadLocal<Engine> engines;
    private boolean structuresLoaded;

    public IndexExtractor(FhirContext context, SearchParamRegistry registry) {
        this.context = context;
        this.registry = registry;
        this.engines = ThreadLocal.withInitial(this::newEngine);
    }

    public ResourceIndex extract(Resource resource) {
        return extract(resource, Map.of());
    }

    /**
     * `placeholderTypes` tells the type behind references that are not yet `Type/id`, such as a
     * transaction's `urn:uuid:` fullUrls, so that `resolve() is Patient` still sees a Patient.
     */
    public ResourceIndex extract(Resource resource, Map<String, String> placeholderTypes) {
        Engine engine = engines.get();
        engine.context.placeholderTypes = placeholderTypes;
        Set<TokenRow> tokens = new HashSet<>();
        Set<StringRow> strings = new HashSet<>();
        Set<ReferenceRow> references = new HashSet<>();
        for (SearchParamDef param : registry.forType(resource.fhirType())) {
            List<IBase> values = engine.evaluate(resource, param);
            for (IBase value : values) {
                switch (param.type()) {
                    case TOKEN -> TokenExtractor.extract(param.code(), value, tokens);
                    case STRING -> StringExtractor.extract(param.code(), value, strings);
                    case REFERENCE -> ReferenceExtractor.extract(param.code(), value, references);
                    default -> throw new IllegalStateException("No extractor for " + param.type());
                }
            }
        }
        return new ResourceIndex(tokens, strings, references);
    }

    private Engine newEngine() {
        loadStructureDefinitionsOnce();
        IFhirPath fhirPath = context.newFhirPath();
        ReferenceTypeContext referenceTypes = new ReferenceTypeContext(context);
        fhirPath.setEvaluationContext(referenceTypes);
        return new Engine(fhirPath, referenceTypes);
    }

    /**
     * Each engine reads every R4 StructureDefinition from the context's shared validation support,
     * whose lazy loading is not thread-safe: two workers starting at once would both parse them.
     */
    private synchronized void loadStructureDefinitionsOnce() {
        if (!structuresLoaded) {
            context.getValidationSupport().fetchAllStructureDefinitions();
            structuresLoaded = true;
        }
    }

    private static final class Engine {
        private final IFhirPath fhirPath;
        private final ReferenceTypeContext context;
        private final Map<String, IFhirPath.IParsedExpression> parsed = new HashMap<>();

        Engine(IFhirPath fhirPath, ReferenceTypeContext context) {
            this.fhirPath = fhirPath;
            this.context = context;
        }

        List<IBase> evaluate(Resource resource, SearchParamDef param) {
            IFhirPath.IParsedExpression expression = parsed.computeIfAbsent(param.expression(), this::parse);
            return fhirPath.evaluate(resource, expression, IBase.class);
        }

        private IFhirPath.IParsedExpression parse(String expression) {
            try {
                return fhirPath.parse(expression);
            } catch (Exception e) {
                throw new IllegalStateException("Search parameter expression does not parse: " + expression, e);
            }
        }
    }

    /**
     * Lets `resolve() is Patient` test the type a reference names without loading the target: the
     * index says what the resource points at, whether or not the target is here.
     */
    private static final class ReferenceTypeContext implements IFhirPathEvaluationContext {
        private final FhirContext context;
        private Map<String, String> placeholderTypes = Map.of();

        ReferenceTypeContext(FhirContext context) {
            this.context = context;
        }

        @Override
        public IBase resolveReference(IIdType reference, IBase contextElement) {
            String type = typeOf(reference);
            if (type == null || !context.getResourceTypes().contains(type)) {
                return null;
            }
            IBaseResource stub = context.getResourceDefinition(type).newInstance();
            stub.setId(reference.getIdPart());
            return stub;
        }

        private String typeOf(IIdType reference) {
            String value = reference.getValue();
            if (value != null && placeholderTypes.containsKey(value)) {
                return placeholderTypes.get(value);
            }
            if (value != null && value.indexOf('?') > 0) {
                return value.substring(0, value.indexOf('?'));
            }
            return reference.getResourceType();
        }
    }
}
