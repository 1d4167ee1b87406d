package org.hrgateway;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final int[] exit = {-1};

    private Optional<GatewayCommandLine.Run> parse(String... args) {
        return GatewayCommandLine.parse(args, new PrintWriter(out, true), new PrintWriter(err, true), exit);
    }

    @Test
    void givenNoArguments_whenParsed_thenItServes() {
        assertEquals(GatewayMain.Gateway.class, parse().orElseThrow().application());
        assertEquals(GatewayMain.Gateway.class, parse("serve").orElseThrow().application());
    }

    @Test
    void givenACommand_whenParsed_thenItsApplicationRuns() {
        assertEquals(ReindexCommand.class, parse("reindex", "Observation", "DiagnosticReport").orElseThrow().application());
        assertEquals(WarmUpCommand.class, parse("warm-up").orElseThrow().application());
    }

    @Test
    void givenHelp_whenParsed_thenTheCommandsAreListedAndNothingRuns() {
        assertTrue(parse("--help").isEmpty());
        assertEquals(0, exit[0]);
        assertTrue(out.toString().contains("reindex") && out.toString().contains("warm-up"), out.toString());
        assertTrue(parse("reindex", "--help").isEmpty());
        assertTrue(out.toString().contains("TYPE"), out.toString());
    }

    @Test
    void givenAMistypedCommand_whenParsed_thenUsageErrorAndNothingRuns() {
        assertTrue(parse("reindx").isEmpty());
        assertEquals(2, exit[0]);
        assertTrue(err.toString().contains("reindx"), err.toString());
        assertTrue(err.toString().contains("Usage: hr-gateway"), err.toString());
    }

    @Test
    void givenAnUnknownOption_whenParsed_thenUsageErrorNamingIt() {
        assertTrue(parse("--prot", "8081").isEmpty());
        assertEquals(2, exit[0]);
        assertTrue(err.toString().contains("--prot"), err.toString());
    }

    @Test
    void givenACommandThatMovedToTheTools_whenParsed_thenTheErrorSaysWhere() {
        assertTrue(parse("--demo").isEmpty());
        assertEquals(2, exit[0]);
        assertTrue(err.toString().contains("hr-gateway-tools.jar demo"), err.toString());
    }
}
