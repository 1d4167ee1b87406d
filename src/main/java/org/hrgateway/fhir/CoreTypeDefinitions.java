package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FhirContext's validation support. HAPI's FHIRPath engine asks it for *all* structure
 * definitions when it is built, only to learn the type names and their bases; HAPI's default
 * support answers by parsing every R4 definition, which took 3 s of start-up. Here that question,
 * and "is this name a type" asked while evaluating, are answered from the outline written at build
 * time ({@link CoreTypesExporter}); every other question goes to the context's own support (HAPI's
 * full definitions, loaded on first need). Who needs complete definitions of the base types (the
 * validators, the snapshot generator) takes {@link #full()}.
 */
public final class CoreTypeDefinitions implements IValidationSupport {

    static final String OUTLINE = "fhir-core-types.json";
    static final String KNOWN_URLS = "fhir-core-structure-urls.txt";
    /** The R4 core OperationDefinitions, as a collection Bundle (written by {@link CoreTypesExporter}). */
    public static final String CORE_OPERATIONS = "fhir-core-operations.json";
    private static final String CORE = "http://hl7.org/fhir/structuredefinition/";

    private final FhirContext context;
    private final IValidationSupport original;
    private final DefaultProfileValidationSupport full;
    private final Lazy<List<IBaseResource>> outline = new Lazy<>(this::read);
    /** The outline by lower-case URL. */
    private final Lazy<Map<String, IBaseResource>> byUrl = new Lazy<>(this::outlineByUrl);
    /** The URL of every R4 definition HAPI holds, as written at build time; empty when not built. */
    private final Lazy<Optional<Set<String>>> knownUrls = new Lazy<>(this::readKnownUrls);

    /** Wraps the context's own support, which still answers everything but structure definitions. */
    public CoreTypeDefinitions(FhirContext context) {
        this.context = context;
        this.original = context.getValidationSupport();
        this.full = definitionsIn(original, context);
    }

    /** HAPI's R4 definitions inside a context's support, without any caching chain around them. */
    public static DefaultProfileValidationSupport definitionsIn(IValidationSupport support, FhirContext context) {
        if (support instanceof CoreTypeDefinitions types) {
            return types.full();
        }
        if (support instanceof DefaultProfileValidationSupport definitions) {
            return definitions;
        }
        if (support instanceof ValidationSupportChain chain) {
            for (IValidationSupport member : chain.getValidationSupports()) {
                if (member instanceof DefaultProfileValidationSupport definitions) {
                    return definitions;
                }
            }
        }
        return new DefaultProfileValidationSupport(context);
    }

    /** HAPI's complete R4 definitions (snapshots, value sets, code systems), for the validators. */
    public DefaultProfileValidationSupport full() {
        return full;
    }

    /** Resources, datatypes and primitives, and the roots they specialize (Element, Resource). */
    static boolean isBaseType(StructureDefinition definition) {
        boolean specializationOrRoot = definition.getDerivation() == StructureDefinition.TypeDerivationRule.SPECIALIZATION
                || !definition.hasBaseDefinition();
        return specializationOrRoot && definition.getKind() != StructureDefinition.StructureDefinitionKind.LOGICAL;
    }

    /** A definition without its elements and narrative: what FHIRPath's type handling reads. */
    static StructureDefinition outline(StructureDefinition definition) {
        StructureDefinition outline = new StructureDefinition();
        outline.setId(definition.getIdElement().getIdPart());
        outline.setUrl(definition.getUrl()).setVersion(definition.getVersion()).setName(definition.getName())
                .setStatus(definition.getStatus()).setKind(definition.getKind()).setAbstract(definition.getAbstract())
                .setType(definition.getType()).setBaseDefinition(definition.getBaseDefinition())
                .setDerivation(definition.getDerivation()).setFhirVersion(definition.getFhirVersion());
        return outline;
    }

    @Override
    public FhirContext getFhirContext() {
        return context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return (List<T>) outline.get();
    }

    private List<IBaseResource> read() {
        try (InputStream in = CoreTypeDefinitions.class.getClassLoader().getResourceAsStream(OUTLINE)) {
            if (in == null) {
                return full.fetchAllStructureDefinitions(); // running from sources without the build step
            }
            Bundle bundle = (Bundle) context.newJsonParser().parseResource(in);
            return bundle.getEntry().stream().map(entry -> (IBaseResource) entry.getResource()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<IBaseResource> fetchAllConformanceResources() {
        return original.fetchAllConformanceResources();
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
        return original.fetchAllNonBaseStructureDefinitions();
    }

    /** A base type's outline (FHIRPath asks whether a name is a type); anything else in full. */
    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        if (url == null) {
            return null;
        }
        // HAPI's own support takes bare names ("Observation"), "StructureDefinition/X", versions
        // ("...|4.0.1") and any case ("DateTime" for dateTime): the outline does the same.
        String canonical = canonical(url);
        IBaseResource outlined = byUrl.get().get(canonical);
        if (outlined != null) {
            return outlined;
        }
        Set<String> known = knownUrls.get().orElse(null);
        // What HAPI does not hold either is answered without loading all of its definitions.
        return known != null && canonical.startsWith(CORE) && !known.contains(canonical)
                ? null : original.fetchStructureDefinition(url);
    }

    private static String canonical(String url) {
        String unversioned = url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
        String absolute = unversioned.contains("://") ? unversioned
                : CORE + unversioned.substring(unversioned.lastIndexOf('/') + 1);
        return absolute.toLowerCase(Locale.ROOT);
    }

    private Optional<Set<String>> readKnownUrls() {
        try (InputStream in = CoreTypeDefinitions.class.getClassLoader().getResourceAsStream(KNOWN_URLS)) {
            return in == null ? Optional.empty() : Optional.of(Set.copyOf(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8).lines().map(line -> line.toLowerCase(Locale.ROOT)).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, IBaseResource> outlineByUrl() {
        Map<String, IBaseResource> map = new HashMap<>();
        for (IBaseResource definition : outline.get()) {
            map.put(((StructureDefinition) definition).getUrl().toLowerCase(Locale.ROOT), definition);
        }
        return Map.copyOf(map);
    }

    @Override
    public IBaseResource fetchCodeSystem(String system) {
        return original.fetchCodeSystem(system);
    }

    @Override
    public IBaseResource fetchValueSet(String url) {
        return original.fetchValueSet(url);
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext support, String system) {
        return original.isCodeSystemSupported(support, system);
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext support, String url) {
        return original.isValueSetSupported(support, url);
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext support, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        return original.validateCode(support, options, system, code, display, valueSetUrl);
    }

    @Override
    public String getName() {
        return "R4 core types (outline), then HAPI's R4 definitions";
    }
}
