package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gives the package's StructureDefinitions their snapshots (HAPI's generator: ~4.5 s, which is why
 * the build does it once rather than every start). Extensions come first, since the resource
 * profiles use them. Each snapshot is checked against its differential: HAPI's generator silently
 * drops differential elements it cannot place, and a dropped constraint would never be enforced.
 *
 * <p>Run by the build: {@code SnapshotGenerator <package dir> <output dir>} writes every
 * StructureDefinition of the package, with its snapshot, under the output dir.
 */
public final class SnapshotGenerator {

    private final FhirContext context;

    public SnapshotGenerator(FhirContext context) {
        this.context = context;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: SnapshotGenerator <package dir> <output dir>");
        }
        Path packageDir = Path.of(args[0]);
        Path outputDir = Path.of(args[1]);
        FhirContext context = FhirContext.forR4Cached();
        List<Path> files = new ArrayList<>();
        for (JsonNode file
                : new ObjectMapper().readTree(packageDir.resolve(".index.json").toFile()).path("files")) {
            files.add(packageDir.resolve(file.path("filename").asText()));
        }
        List<Resource> resources = new ArrayList<>();
        Map<Resource, Path> sources = new java.util.IdentityHashMap<>();
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Resource resource = (Resource) context.newJsonParser().parseResource(in);
                resources.add(resource);
                sources.put(resource, file);
            }
        }
        long started = System.nanoTime();
        List<StructureDefinition> generated = new SnapshotGenerator(context).withSnapshots(resources);
        Files.createDirectories(outputDir);
        Map<String, StructureDefinition> byUrl = generated.stream()
                .collect(Collectors.toMap(StructureDefinition::getUrl, Function.identity()));
        for (Resource resource : resources) {
            if (resource instanceof StructureDefinition definition) {
                Path target = outputDir.resolve(sources.get(resource).getFileName());
                try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                    context.newJsonParser().setPrettyPrint(true).encodeResourceToWriter(byUrl.get(definition.getUrl()), out);
                }
            }
        }
        System.out.printf("Snapshots of %d StructureDefinitions written to %s in %d ms%n", generated.size(), outputDir,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every StructureDefinition among `resources`, with a snapshot: as given when it has one,
     * else generated against the others and R4 core.
     */
    public List<StructureDefinition> withSnapshots(List<? extends Resource> resources) {
        PrePopulatedValidationSupport packageSupport = ValidationChains.packageSupport(context, resources);
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(context);
        ValidationSupportChain chain = ValidationChains.chain(context, packageSupport, resources, generator);
        List<StructureDefinition> definitions = resources.stream()
                .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast)
                .sorted(Comparator.comparing((StructureDefinition d) -> !"Extension".equals(d.getType()))
                        .thenComparing(StructureDefinition::getUrl))
                .toList();
        List<StructureDefinition> result = new ArrayList<>();
        for (StructureDefinition definition : definitions) {
            StructureDefinition complete = definition;
            if (!definition.hasSnapshot()) {
                complete = (StructureDefinition) generator.generateSnapshot(new ValidationSupportContext(chain),
                        definition.copy(), definition.getUrl(), null, definition.getName());
                requireDifferentialKept(complete);
                packageSupport.addStructureDefinition(complete);
            }
            result.add(complete);
        }
        chain.invalidateCaches();
        return result;
    }

    /** Each differential element is in the snapshot with the differential's cardinality. */
    static void requireDifferentialKept(StructureDefinition definition) {
        Map<String, ElementDefinition> snapshot = definition.getSnapshot().getElement().stream()
                .collect(Collectors.toMap(ElementDefinition::getId, Function.identity(), (a, b) -> a));
        for (ElementDefinition element : definition.getDifferential().getElement()) {
            ElementDefinition generated = snapshot.get(element.getId());
            if (generated == null) {
                throw new IllegalStateException(definition.getUrl() + ": the snapshot lost differential element "
                        + element.getId() + " (differential elements must follow the base resource's order)");
            }
            if (element.hasMin() && generated.getMin() != element.getMin()
                    || element.hasMax() && !element.getMax().equals(generated.getMax())) {
                throw new IllegalStateException(definition.getUrl() + ": element " + element.getId() + " is "
                        + element.getMin() + ".." + element.getMax() + " in the differential but "
                        + generated.getMin() + ".." + generated.getMax() + " in the snapshot");
            }
        }
    }
}
