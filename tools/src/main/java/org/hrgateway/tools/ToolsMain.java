package org.hrgateway.tools;

import org.hrgateway.tools.bench.BenchCommand;
import org.hrgateway.tools.demo.DemoCommand;
import org.hrgateway.tools.demo.LoadDemoCommand;
import org.hrgateway.tools.token.DevKeysCommand;
import org.hrgateway.tools.token.DevTokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `java -jar tools/target/hr-gateway-tools.jar <command>`: what is not the gateway itself. Exit
 * status 2 for a command line that cannot be run, with the usage.
 */
@Command(name = "hr-gateway-tools", mixinStandardHelpOptions = true,
        description = "The demo, the synthetic province's loader, the benchmark and development tokens of HR Gateway.",
        subcommands = {DemoCommand.class, LoadDemoCommand.class, BenchCommand.class, DevKeysCommand.class,
                DevTokenCommand.class, org.hrgateway.tools.demo.ProvinceSimCommand.class})
public final class ToolsMain implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command: demo, load-demo, bench, dev-keys or dev-token");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ToolsMain());
    }
}
