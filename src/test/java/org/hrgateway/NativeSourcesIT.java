package org.hrgateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native build's inputs, which `./mvnw verify` generates (pom.xml, execution `native-sources`):
 * what a machine with GraalVM or Mandrel would compile (docs/deploy.md, "Native image"). No native
 * executable can be built here; this holds that Quarkus could prepare one, with the service's own
 * reflection registration inside.
 */
class NativeSourcesIT {

    private static final Path SOURCES = Path.of("target", "native-sources");

    @Test
    void givenTheBuild_whenItsNativeSourcesAreRead_thenTheyHoldTheArgumentsTheRunnerAndTheRegistration() throws IOException {
        Path arguments = SOURCES.resolve("native-image.args");
        assertTrue(Files.exists(arguments), arguments + " was generated");
        String args = Files.readString(arguments);
        assertTrue(args.contains("io.quarkus.runner.Feature"), "Quarkus's own native feature: " + args);
        Path runner = SOURCES.resolve("hr-gateway-0.1.0-SNAPSHOT-runner.jar");
        assertTrue(Files.exists(runner), runner + " was generated");
        try (JarFile jar = new JarFile(runner.toFile())) {
            assertTrue(jar.getEntry("META-INF/native-image/org.hrgateway/hr-gateway/reflect-config.json") != null,
                    "the registration of HAPI's model classes (NativeReflectionTest) is in the runner");
            assertTrue(jar.getEntry("fhir-profiles/package.json") != null, "the profile package is a resource of the image");
        }
        assertTrue(Files.isDirectory(SOURCES.resolve("lib")), "the libraries it links");
    }
}
