package org.hrgateway.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server with JetStream of the test's own (Debian's `nats-server`, installed on these machines
 * and by `.ci/run`), on a free port with its store in a temporary folder, so that a test can stop it
 * and start it again, as a province's NATS would go away and come back, without touching the
 * machine's shared one.
 */
public final class NatsServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final int port;
    private final Path store;
    private final Path log;
    private Process process;

    public NatsServer() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's nats-server (.ci/run does)");
        }
        this.port = GatewayProcess.freePort();
        this.store = Files.createTempDirectory("hr-gateway-nats");
        this.log = Files.createTempFile("hr-gateway-nats", ".log");
        start();
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts it (again), keeping its JetStream store. */
    public void start() throws Exception {
        process = new ProcessBuilder(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", store.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nats-server did not listen on " + port + ": " + Files.readString(log));
    }

    public void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
