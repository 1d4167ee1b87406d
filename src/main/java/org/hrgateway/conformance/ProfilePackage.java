package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The provincial profile package (fhir-profiles/): its conformance resources as listed in the
 * package's .index.json, read once at start from the jar or from `hr.profiles.dir`.
 */
@ApplicationScoped
public class ProfilePackage {

    private static final String CLASSPATH_ROOT = "fhir-profiles/";

    private final List<Resource> resources;
    private final String source;

    public ProfilePackage(GatewayConfig config, FhirContext context) {
        this.source = config.profilesDir().map(dir -> Path.of(dir).toAbsolutePath().toString())
                .orElse("classpath:" + CLASSPATH_ROOT);
        this.resources = Collections.unmodifiableList(load(config, context));
    }

    public String source() {
        return source;
    }

    public <T extends Resource> List<T> resourcesOf(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Resource> load(GatewayConfig config, FhirContext context) {
        Path dir = config.profilesDir().map(Path::of).orElse(null);
        JsonNode index = readJson(open(dir, ".index.json"));
        List<Resource> loaded = new ArrayList<>();
        for (JsonNode file : index.path("files")) {
            String filename = file.path("filename").asText();
            try (InputStream in = open(dir, filename)) {
                loaded.add((Resource) context.newJsonParser().parseResource(in));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Profile package file " + filename + " does not load: " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    private static InputStream open(Path dir, String filename) {
        try {
            if (dir != null) {
                return Files.newInputStream(dir.resolve(filename));
            }
            InputStream in = ProfilePackage.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + filename);
            if (in == null) {
                throw new IllegalStateException("The profile package in the jar lacks " + filename);
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + filename + " of the profile package in " + dir, e);
        }
    }

    private static JsonNode readJson(InputStream in) {
        try (in) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The profile package's .index.json is not readable JSON", e);
        }
    }
}
