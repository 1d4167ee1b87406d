package org.hrgateway;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's command line, read before anything starts: a mistyped command or option is an
 * error with the usage, never a server that starts anyway. The benchmark and the demo are the
 * tools' (`java -jar tools/target/hr-gateway-tools.jar --help`).
 */
// picocli reads these classes' annotations and fields reflectively, in a native image too.
@RegisterForReflection(targets = {GatewayCommandLine.class, GatewayCommandLine.Serve.class,
        GatewayCommandLine.Reindex.class, GatewayCommandLine.WarmUp.class, GatewayCommandLine.Version.class})
@Command(name = "hr-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayCommandLine.Version.class,
        description = "HR Gateway: a FHIR R4 server for sharing and mutually recognizing lab results."
                + " Without a command it serves; the database is QUARKUS_DATASOURCE_REACTIVE_URL.",
        subcommands = {GatewayCommandLine.Serve.class, GatewayCommandLine.Reindex.class, GatewayCommandLine.WarmUp.class})
final class GatewayCommandLine {

    /** What to run: the Quarkus application and the arguments it is given. */
    record Run(String command, Class<? extends QuarkusApplication> application, String[] args) {
    }

    /** Commands that moved to the tools artifact: a pointer rather than a bare "unknown". */
    private static final Map<String, String> MOVED = Map.of(
            "--demo", "demo", "load-demo", "load-demo", "bench", "bench");

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve FHIR at /fhir (the default).")
    static final class Serve {
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuild the search index of the stored resources, then exit (no HTTP port is opened).")
    static final class Reindex {
        @Parameters(paramLabel = "TYPE", arity = "0..*", description = "resource types to reindex (default: all)")
        List<String> types = List.of();
    }

    @Command(name = "warm-up", mixinStandardHelpOptions = true,
            description = "Start, serve a few requests to itself and exit: the training run of a class-data-sharing archive.")
    static final class WarmUp {
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"hr-gateway " + Optional.ofNullable(GatewayCommandLine.class.getPackage().getImplementationVersion())
                    .orElse("(development build)")};
        }
    }

    private GatewayCommandLine() {
    }

    /**
     * What `args` ask for, or empty when nothing is to run: help or version printed to `out` (exit
     * status 0), or a usage error printed to `err` (exit status 2), as `exitStatus[0]` says.
     */
    static Optional<Run> parse(String[] args, PrintWriter out, PrintWriter err, int[] exitStatus) {
        CommandLine commandLine = new CommandLine(new GatewayCommandLine()).setOut(out).setErr(err);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println(e.getMessage());
            for (String arg : args) {
                if (MOVED.containsKey(arg)) {
                    err.println("'" + arg + "' moved to the tools: java -jar tools/target/hr-gateway-tools.jar "
                            + MOVED.get(arg) + " --help");
                }
            }
            e.getCommandLine().usage(err);
            err.flush();
            exitStatus[0] = 2;
            return Optional.empty();
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            out.flush();
            exitStatus[0] = 0;
            return Optional.empty();
        }
        String command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "serve";
        Class<? extends QuarkusApplication> application = switch (command) {
            case "reindex" -> ReindexCommand.class;
            case "warm-up" -> WarmUpCommand.class;
            default -> GatewayMain.Gateway.class;
        };
        return Optional.of(new Run(command, application, args));
    }
}
