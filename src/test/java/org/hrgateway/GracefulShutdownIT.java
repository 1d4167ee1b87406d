package org.hrgateway;

import org.hrgateway.support.GatewayProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pod that Kubernetes stops (SIGTERM): readiness goes down first, so that the pod leaves its
 * Service, while the gateway still answers for `quarkus.shutdown.delay`; then it stops cleanly, well
 * within the Deployment's terminationGracePeriodSeconds (k8s/base/deployment.yaml).
 */
class GracefulShutdownIT {

    @Test
    void givenSigterm_whenTheGatewayStops_thenReadinessGoesDownFirstWhileRequestsAreStillServed() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(List.of(), Map.of("QUARKUS_SHUTDOWN_DELAY", "4s"))) {
            assertEquals(200, gateway.status("/q/health/ready"));
            long stopping = System.nanoTime();

            gateway.terminate();

            int ready = 200;
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (ready == 200 && System.nanoTime() < until) {
                ready = gateway.status("/q/health/ready");
            }
            assertEquals(503, ready, "readiness is down within 2 s of SIGTERM");
            assertEquals(200, gateway.status("/q/health/live"), "not dead: the pod is not restarted");
            assertEquals(200, gateway.status("/fhir/metadata"), "requests still routed to it are answered");
            Optional<Integer> exit = gateway.exitWithin(Duration.ofSeconds(30));
            long took = (System.nanoTime() - stopping) / 1_000_000;
            assertTrue(exit.isPresent(), "stopped within the grace period: " + gateway.output());
            assertTrue(took >= 4_000, "it waited the shutdown delay: " + took + " ms");
            // The JVM's status after a SIGTERM it handled (128 + 15), or 0.
            assertTrue(exit.get() == 143 || exit.get() == 0, "a clean exit (" + exit.get() + "): " + gateway.output());
        }
    }
}
