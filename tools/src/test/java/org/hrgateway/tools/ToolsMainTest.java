package org.hrgateway.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolsMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ToolsMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void givenHelp_whenRun_thenEveryCommandIsListedAndTheExitIsZero() {
        assertEquals(0, run("--help"));
        for (String command : new String[]{"demo", "load-demo", "bench"}) {
            assertTrue(out.toString().contains(command), out.toString());
        }
    }

    @Test
    void givenACommandsHelp_whenRun_thenItsOptionsAreListed() {
        assertEquals(0, run("bench", "--help"));
        assertTrue(out.toString().contains("--concurrency"), out.toString());
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString().contains("--patients"), out.toString());
    }

    @Test
    void givenAMistypedCommand_whenRun_thenUsageErrorAndNothingRuns() {
        assertEquals(2, run("bnech", "--base", "http://localhost:8080/fhir"));
        assertTrue(err.toString().contains("bnech"), err.toString());
    }

    @Test
    void givenNoCommand_whenRun_thenUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Name a command"), err.toString());
    }

    @Test
    void givenAnUnknownOption_whenRun_thenUsageErrorNamingIt() {
        assertEquals(2, run("load-demo", "--patinets", "5"));
        assertTrue(err.toString().contains("--patinets"), err.toString());
    }

    @Test
    void givenDemoWithoutAGatewayJar_whenRun_thenUsageErrorSaysHowToBuildIt() {
        assertEquals(2, run("demo", "--gateway", "no/such/quarkus-run.jar"));
        assertTrue(err.toString().contains("./mvnw -B -q package -DskipTests"), err.toString());
    }
}
