package org.hrgateway.tools.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {

    private static final LocalDateTime NOW = LocalDateTime.parse("2026-11-25T14:03:09");

    /** As `bench` reads its command line: picocli parses, {@link BenchCommand#options} checks. */
    private static BenchOptions parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.options(NOW);
    }

    private static boolean helpRequested(String... args) {
        return new CommandLine(new BenchCommand()).parseArgs(args).isUsageHelpRequested();
    }

    @Test
    void givenOnlyBase_whenParsed_thenDefaults() throws Exception {
        BenchOptions options = parse("--base", "http://localhost:8080/fhir/");

        assertEquals(URI.create("http://localhost:8080/fhir"), options.base());
        assertEquals(2000, options.patients());
        assertEquals(100, options.bundleSize());
        assertEquals(4, options.loadConcurrency());
        assertEquals(List.of(1, 16), options.concurrency());
        assertEquals(20, options.seconds());
        assertEquals(10, options.warmupSeconds());
        assertFalse(options.skipLoad());
        assertFalse(options.profiled());
        assertEquals(Path.of("bench", "results", "20261125-140309.json"), options.out());
    }

    @Test
    void givenEveryOption_whenParsed_thenAllTaken() throws Exception {
        BenchOptions options = parse("--base", "https://fhir.example.org/r4", "--patients", "200",
                "--bundle-size", "250", "--load-concurrency", "8", "--concurrency", "1,4,32", "--seconds", "5",
                "--warmup", "0", "--max-requests", "1000", "--seed", "7", "--skip-load", "--profiled", "--out", "/tmp/x/run.json");

        assertEquals(URI.create("https://fhir.example.org/r4"), options.base());
        assertEquals(200, options.patients());
        assertEquals(250, options.bundleSize());
        assertEquals(8, options.loadConcurrency());
        assertEquals(List.of(1, 4, 32), options.concurrency());
        assertEquals(5, options.seconds());
        assertEquals(0, options.warmupSeconds());
        assertEquals(1000, options.maxRequests());
        assertEquals(7, options.seed());
        assertTrue(options.skipLoad());
        assertTrue(options.profiled());
        assertEquals(Path.of("/tmp/x/run.json"), options.out());
    }

    @Test
    void givenRatesAndTargets_whenParsed_thenOpenLoopRatesInRequestsPerSecondOrPercentOfMax() throws Exception {
        BenchOptions options = parse("--base", "http://localhost:8080/fhir", "--rate", "300,80%,2000",
                "--targets", "bench/results/targets.json");

        assertEquals(List.of(new BenchOptions.Rate(300, false), new BenchOptions.Rate(80, true),
                new BenchOptions.Rate(2000, false)), options.rates());
        assertEquals(300, options.rates().get(0).perSecond(1234), 1e-9);
        assertEquals(800, options.rates().get(1).perSecond(1000), 1e-9);
        assertEquals(Path.of("bench/results/targets.json"), options.targets());
        assertEquals(List.of(), parse("--base", "http://localhost:8080/fhir").rates());
    }

    @Test
    void givenBadRates_whenParsed_thenUsageErrors() {
        for (String rate : List.of("0", "-5", "fast", "80%%", "", "1e999", "2000%")) {
            assertThrows(ParameterException.class,
                    () -> parse("--base", "http://localhost:8080/fhir", "--rate", rate), rate);
        }
    }

    @Test
    void givenNoBase_whenParsed_thenUsageError() {
        ParameterException error = assertThrows(ParameterException.class,
                () -> parse("--patients", "10"));

        assertTrue(error.getMessage().contains("--base"), error.getMessage());
    }

    @Test
    void givenBadValues_whenParsed_thenUsageErrorNamesTheOption() {
        assertUsageError("--patients", "--base", "http://h/fhir", "--patients", "many");
        assertUsageError("--patients", "--base", "http://h/fhir", "--patients", "0");
        assertUsageError("--concurrency", "--base", "http://h/fhir", "--concurrency", "1,,16");
        assertUsageError("--concurrency", "--base", "http://h/fhir", "--concurrency", "1,-2");
        assertUsageError("--seconds", "--base", "http://h/fhir", "--seconds");
        assertUsageError("--base", "--base", "ftp://h/fhir");
        assertUsageError("--base", "--base", "--patients", "3");
        assertUsageError("--frobnicate", "--base", "http://h/fhir", "--frobnicate");
    }

    @Test
    void givenHelp_whenParsed_thenHelpRequested() {
        assertTrue(helpRequested("--help"));
        assertTrue(helpRequested("--base", "http://h/fhir", "-h"));
        assertFalse(helpRequested("--base", "http://h/fhir"));
    }

    private static void assertUsageError(String named, String... args) {
        ParameterException error = assertThrows(ParameterException.class, () -> parse(args));
        assertTrue(error.getMessage().contains(named), error.getMessage());
    }

    @Test
    void givenRecognizeFlag_whenParsed_thenTheRecognizeScenarioIsAsked() throws Exception {
        assertTrue(parse("--base", "http://localhost:8080/fhir", "--recognize").recognize());
        assertFalse(parse("--base", "http://localhost:8080/fhir").recognize());
    }

    @Test
    void givenOnly_whenParsed_thenJustThoseScenariosAreMeasuredAndRecognizeIsImplied() throws Exception {
        BenchOptions options = parse("--base", "http://localhost:8080/fhir", "--only", "recognize,read");
        assertTrue(options.recognize());
        assertTrue(options.measures("recognize"));
        assertTrue(options.measures("read"));
        assertFalse(options.measures("patient-code-date"));
        assertTrue(parse("--base", "http://localhost:8080/fhir").measures("chained-resident"));
        assertTrue(parse("--base", "http://localhost:8080/fhir", "--only", "cds-hook").recognize());
        assertUsageError("'everything'", "--base", "http://localhost:8080/fhir", "--only", "read,everything");
    }

    @Test
    void givenTheScenarios_whenBuilt_thenTheirNamesAreTheOnesOnlyAccepts() {
        QueryTargets targets = new QueryTargets(List.of(new QueryTargets.PatientTarget("p1", "r1", List.of("718-7"))),
                List.of("d1"));
        assertEquals(BenchOptions.SCENARIOS, Scenarios.all(targets, java.time.LocalDate.of(2026, 1, 1), true).stream()
                .map(Scenario::name).toList());
    }
}
