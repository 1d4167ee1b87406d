package org.hrgateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which package may use which: a request flows edge → interaction/operation → search/validation →
 * store → fhir, and never back; no two top-level packages depend on each other, directly or round
 * about. See README "Layout" for what each package owns.
 */
class ArchitectureTest {

    private static final String ROOT = "org.hrgateway";

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** The layers, top to bottom; a layer may use those below it, never one above. */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Edge").definedBy(ROOT, ROOT + ".api..", ROOT + ".capability..")
            .layer("Application").definedBy(ROOT + ".interaction..", ROOT + ".operation..", ROOT + ".audit..",
                    ROOT + ".cds..", ROOT + ".view..")
            .layer("Domain").definedBy(ROOT + ".search..", ROOT + ".validation..", ROOT + ".terminology..",
                    ROOT + ".conformance..", ROOT + ".security..", ROOT + ".federation..")
            .layer("Store").definedBy(ROOT + ".store..", ROOT + ".db..")
            .layer("Base").definedBy(ROOT + ".fhir..", ROOT + ".config..", ROOT + ".telemetry..")
            .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Edge")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Edge", "Application")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Edge", "Application", "Domain")
            .whereLayer("Base").mayOnlyBeAccessedByLayers("Edge", "Application", "Domain", "Store")
            .because("a request flows edge → interaction/operation → search/validation → store → fhir");

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a package that depends on another cannot be one it depends on");
    }

    @Test
    void givenTheService_whenItsDependenciesAreRead_thenEachLayerUsesOnlyThoseBelowIt() {
        LAYERS.check(service);
    }

    @Test
    void givenTheService_whenItsTopLevelPackagesAreRead_thenNoneDependsOnItselfRoundAbout() {
        noCycles(ROOT).check(service);
    }

    /** The rule above is only worth something if it fails: two packages that use each other. */
    @Test
    void givenTwoPackagesThatUseEachOther_whenChecked_thenTheCycleIsReported() {
        JavaClasses cycle = new ClassFileImporter().importPackages(getClass().getPackageName() + ".cycle");
        EvaluationResult result = noCycles(getClass().getPackageName() + ".cycle").evaluate(cycle);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("Cycle detected: Slice a -> "),
                result.getFailureReport().toString());
    }

    /** The index tables have one owner, search/: no statement elsewhere names them. */
    @Test
    void givenTheSources_whenSearchedForIndexTables_thenOnlySearchNamesThem() throws IOException {
        Path main = Path.of("src/main/java/org/hrgateway");
        assertTrue(Files.isDirectory(main), "run from the project's root");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> outside = files
                    .filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(main.resolve("search")))
                    .filter(file -> read(file).contains("idx_"))
                    .map(file -> main.relativize(file).toString())
                    .toList();
            assertEquals(List.of(), outside);
        }
        try (Stream<Path> files = Files.walk(main.resolve("search"))) {
            assertFalse(files.filter(file -> file.toString().endsWith(".java")).noneMatch(file -> read(file).contains("idx_")),
                    "search/ writes and reads the index tables");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
