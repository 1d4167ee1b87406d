package org.hrgateway.search.index;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Lazy;
import org.hrgateway.search.param.ExpressionNarrowing;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Extracts a resource's index values by evaluating each search parameter's FHIRPath expression.
 * Blocking CPU work: callers run it on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class IndexExtractor {

    /** Token rows of a reference's logical identifier live under this suffix (`subject:identifier`). */
    public static final String IDENTIFIER_SUFFIX = ":identifier";

    private final FhirContext context;
    private final SearchParamRegistry registry;
    private final ZoneId zone;
    /**
     * One engine for all worker threads, as HAPI's own search indexer shares one: building it reads
     * every R4 StructureDefinition (seconds of CPU), which must not happen again per thread.
     */
    private final Lazy<Engine> engine = new Lazy<>(this::newEngine);

    public IndexExtractor(FhirContext context, SearchParamRegistry registry, GatewayConfig config) {
        this.context = context;
        this.registry = registry;
        this.zone = config.defaultTimezone();
    }

    public ResourceIndex extract(Resource resource) {
        return extract(resource, Map.of());
    }

    /**
     * `placeholderTypes` tells the type behind references that are not yet `Type/id`, such as a
     * transaction's `urn:uuid:` fullUrls, so that `resolve() is Patient` still sees a Patient.
     */
    public ResourceIndex extract(Resource resource, Map<String, String> placeholderTypes) {
        Engine engine = this.engine.get();
        engine.context.placeholderTypes.set(placeholderTypes);
        try {
            return extract(resource, engine);
        } finally {
            engine.context.placeholderTypes.remove();
        }
    }

    private ResourceIndex extract(Resource resource, Engine engine) {
        Rows rows = new Rows();
        for (SearchParamDef param : registry.forType(resource.fhirType())) {
            List<IBase> values = engine.evaluate(resource, param.expression());
            if (param.isComposite()) {
                values.forEach(element -> CompositeExtractor.extract(param, element, engine::evaluate, zone, rows.composites));
                continue;
            }
            for (IBase value : values) {
                rows.add(param, value, zone);
            }
        }
        return rows.build();
    }

    /** Collects rows per parameter type while one resource is extracted. */
    static final class Rows {
        final Set<TokenRow> tokens = new HashSet<>();
        final Set<StringRow> strings = new HashSet<>();
        final Set<ReferenceRow> references = new HashSet<>();
        final Set<DateRow> dates = new HashSet<>();
        final Set<NumberRow> numbers = new HashSet<>();
        final Set<QuantityRow> quantities = new HashSet<>();
        final Set<UriRow> uris = new HashSet<>();
        final Set<CompositeRow> composites = new HashSet<>();

        void add(SearchParamDef param, IBase value, ZoneId zone) {
            String code = param.code();
            switch (param.type()) {
                case TOKEN -> TokenExtractor.extract(code, value, tokens);
                case STRING -> StringExtractor.extract(code, value, strings);
                case REFERENCE -> {
                    ReferenceExtractor.extract(code, value, references);
                    if (value instanceof Reference reference && reference.hasIdentifier()) {
                        TokenExtractor.extract(code + IDENTIFIER_SUFFIX, reference.getIdentifier(), tokens);
                    }
                }
                case DATE -> DateExtractor.extract(code, value, zone, dates);
                case NUMBER -> NumberExtractor.extract(code, value, numbers);
                case QUANTITY -> QuantityExtractor.extract(code, value, quantities);
                case URI -> UriExtractor.extract(code, value, uris);
                default -> throw new IllegalStateException("No extractor for " + param.type());
            }
        }

        ResourceIndex build() {
            return new ResourceIndex(tokens, strings, references, dates, numbers, quantities, uris, composites);
        }
    }

    private Engine newEngine() {
        IFhirPath fhirPath = context.newFhirPath();
        ReferenceTypeContext referenceTypes = new ReferenceTypeContext(context);
        fhirPath.setEvaluationContext(referenceTypes);
        return new Engine(fhirPath, referenceTypes);
    }

    private static final class Engine {
        private final IFhirPath fhirPath;
        private final ReferenceTypeContext context;
        /** Each expression's top-level alternatives (`a | b`), parsed. */
        private final Map<String, List<IFhirPath.IParsedExpression>> parsed = new ConcurrentHashMap<>();

        Engine(IFhirPath fhirPath, ReferenceTypeContext context) {
            this.fhirPath = fhirPath;
            this.context = context;
        }

        /**
         * Evaluates the alternatives one by one rather than as one union: FHIRPath's `|` compares the
         * items to drop duplicates, and comparing two Quantities needs a UCUM service that HAPI's
         * worker context does not have (HAPI-0274), so an Observation with two component quantities
         * (a blood pressure) could not be indexed. The row sets drop the duplicates instead.
         */
        List<IBase> evaluate(IBase base, String expression) {
            List<IFhirPath.IParsedExpression> alternatives = parsed.computeIfAbsent(expression, this::parseAlternatives);
            if (alternatives.size() == 1) {
                return fhirPath.evaluate(base, alternatives.get(0), IBase.class);
            }
            List<IBase> values = new ArrayList<>();
            for (IFhirPath.IParsedExpression alternative : alternatives) {
                values.addAll(fhirPath.evaluate(base, alternative, IBase.class));
            }
            return values;
        }

        private List<IFhirPath.IParsedExpression> parseAlternatives(String expression) {
            return ExpressionNarrowing.splitTopLevel(expression).stream().map(String::trim).map(this::parse).toList();
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
        /** Per extraction, and extractions run on many threads at once. */
        private final ThreadLocal<Map<String, String>> placeholderTypes = ThreadLocal.withInitial(Map::of);

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
            Map<String, String> placeholders = placeholderTypes.get();
            if (value != null && placeholders.containsKey(value)) {
                return placeholders.get(value);
            }
            if (value != null && value.indexOf('?') > 0) {
                return value.substring(0, value.indexOf('?'));
            }
            return reference.getResourceType();
        }
    }
}
