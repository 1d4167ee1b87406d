package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (exec-maven-plugin, process-classes): writes the R4 base types — every resource,
 * datatype and primitive as name, kind and base, without their elements — to one small Bundle,
 * and the URLs of all of HAPI's R4 definitions to a list; and the R4 core OperationDefinitions to a
 * Bundle of their own, so that the operations the gateway serves are checked against their published
 * definitions without reading HAPI's 20 MB of R4 resource definitions at start.
 * FHIRPath needs no more than that to evaluate search parameters, and reading it takes
 * milliseconds where HAPI's full R4 definitions take seconds (see {@link CoreTypeDefinitions}).
 */
public final class CoreTypesExporter {

    private CoreTypesExporter() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        FhirContext context = FhirContext.forR4();
        Bundle types = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<String> urls = new ArrayList<>();
        for (StructureDefinition definition : new DefaultProfileValidationSupport(context)
                .<StructureDefinition>fetchAllStructureDefinitions()) {
            urls.add(definition.getUrl());
            if (CoreTypeDefinitions.isBaseType(definition)) {
                types.addEntry().setResource(CoreTypeDefinitions.outline(definition));
            }
        }
        Files.createDirectories(target.getParent());
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            context.newJsonParser().encodeResourceToWriter(types, out);
        }
        Files.write(target.resolveSibling(CoreTypeDefinitions.KNOWN_URLS), urls.stream().sorted().toList(), StandardCharsets.UTF_8);
        System.out.printf("%d R4 base types outlined in %s%n", types.getEntry().size(), target);
        exportOperations(context, target.resolveSibling(CoreTypeDefinitions.CORE_OPERATIONS));
    }

    private static void exportOperations(FhirContext context, Path target) throws IOException {
        Bundle operations = new Bundle().setType(Bundle.BundleType.COLLECTION);
        try (InputStream in = CoreTypesExporter.class.getClassLoader()
                .getResourceAsStream("org/hl7/fhir/r4/model/profile/profiles-resources.xml")) {
            if (in == null) {
                throw new IOException("hapi-fhir-validation-resources-r4 is not on the build's class path");
            }
            Bundle resources = context.newXmlParser().parseResource(Bundle.class, in);
            resources.getEntry().stream()
                    .filter(entry -> entry.getResource() instanceof OperationDefinition)
                    .forEach(entry -> operations.addEntry().setResource(entry.getResource()));
        }
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            context.newJsonParser().encodeResourceToWriter(operations, out);
        }
        System.out.printf("%d R4 core OperationDefinitions written to %s%n", operations.getEntry().size(), target);
    }
}
