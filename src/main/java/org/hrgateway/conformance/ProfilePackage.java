package org.hrgateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.store.ReadOnlyResources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provincial profile package (fhir-profiles/): its conformance resources as listed in the
 * package's .index.json, read once at start from the jar or from `hr.profiles-dir`. The gateway
 * publishes them read-only: clients change the package, not the resources.
 */
@ApplicationScoped
public class ProfilePackage implements ReadOnlyResources {

    private static final String CLASSPATH_ROOT = "fhir-profiles/";

    private final List<Resource> resources;
    private final Map<String, Resource> byTypeAndId = new HashMap<>();
    private final Map<String, MetadataResource> byUrl = new HashMap<>();
    private final String source;
    private final String digest;
    private final String name;
    private final String version;
    private final LabItemCatalogue catalogue;

    public ProfilePackage(GatewayConfig config, FhirContext context) {
        Path dir = config.profilesDir().map(Path::of).orElse(null);
        this.source = dir == null ? "classpath:" + CLASSPATH_ROOT : dir.toAbsolutePath().toString();
        JsonNode manifest = readJson(open(dir, "package.json"), "package.json");
        this.name = manifest.path("name").asText();
        this.version = manifest.path("version").asText();
        MessageDigest digest = sha256();
        this.resources = Collections.unmodifiableList(load(dir, context, digest));
        this.digest = HexFormat.of().formatHex(digest.digest());
        for (Resource resource : resources) {
            byTypeAndId.put(key(resource.fhirType(), resource.getIdElement().getIdPart()), resource);
            if (resource instanceof MetadataResource canonical && canonical.hasUrl()) {
                byUrl.put(canonical.getUrl(), canonical);
            }
        }
        this.catalogue = LabItemCatalogue.requireConsistent(this);
    }

    /** SHA-256 of the package's files (names and bytes): equal digests, equal content. */
    public String digest() {
        return digest;
    }

    public String source() {
        return source;
    }

    /** The package id (`hr.gateway.shandong`), the same across its versions. */
    public String name() {
        return name;
    }

    /** `name#version` as in package.json, e.g. `hr.gateway.shandong#0.3.0`. */
    public String label() {
        return name + "#" + version;
    }

    public List<Resource> resources() {
        return resources;
    }

    /** The mutually recognized test items (CodeSystem and ValueSet `mr-lab-items`). */
    public LabItemCatalogue catalogue() {
        return catalogue;
    }

    /** The package's resource of this type and id. */
    public <T extends Resource> Optional<T> resource(Class<T> type, String id) {
        Resource found = byTypeAndId.get(key(type.getSimpleName(), id));
        return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
    }

    public <T extends Resource> List<T> resourcesOf(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The canonical URL of the package's `type` resource `id`; the package must hold it. */
    public String url(Class<? extends MetadataResource> type, String id) {
        return resource(type, id).map(MetadataResource::getUrl).orElseThrow(
                () -> new IllegalStateException("The profile package has no " + type.getSimpleName() + " " + id));
    }

    public Optional<MetadataResource> byUrl(String url) {
        return Optional.ofNullable(byUrl.get(stripVersion(url)));
    }

    public Optional<StructureDefinition> profile(String url) {
        return byUrl(url).filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast);
    }

    public Optional<CodeSystem> codeSystem(String url) {
        return byUrl(url).filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast);
    }

    public Optional<ValueSet> valueSet(String url) {
        return byUrl(url).filter(ValueSet.class::isInstance).map(ValueSet.class::cast);
    }

    /** The URLs of the package's profiles of resource type `type` (not its extensions). */
    public List<String> profilesFor(String type) {
        return resourcesOf(StructureDefinition.class).stream()
                .filter(p -> p.getType().equals(type) && p.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .map(StructureDefinition::getUrl).toList();
    }

    @Override
    public void checkWritable(String type, String id, Resource resource) {
        if (byTypeAndId.containsKey(key(type, id))) {
            throw new MethodNotAllowedException(type + "/" + id + " is published by the profile package " + label()
                    + " and is read-only; change fhir-profiles/ instead");
        }
        if (resource instanceof MetadataResource canonical && canonical.hasUrl()
                && byUrl.containsKey(stripVersion(canonical.getUrl()))) {
            throw new ResourceVersionConflictException("The canonical URL " + canonical.getUrl()
                    + " belongs to the profile package " + label() + "; a resource of another id cannot claim it");
        }
    }

    private static String stripVersion(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }

    /** The package's resources in index order; `digest` takes in each file's name and bytes. */
    private static List<Resource> load(Path dir, FhirContext context, MessageDigest digest) {
        JsonNode index = readJson(open(dir, ".index.json"), ".index.json");
        List<Resource> loaded = new ArrayList<>();
        for (JsonNode file : index.path("files")) {
            String filename = file.path("filename").asText();
            try (InputStream in = open(dir, filename)) {
                byte[] bytes = in.readAllBytes();
                byte[] name = filename.getBytes(StandardCharsets.UTF_8);
                // Each part prefixed with its length, so no two different packages feed the same bytes.
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
                digest.update(name);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
                loaded.add((Resource) context.newJsonParser().parseResource(new String(bytes, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Profile package file " + filename + " does not load: " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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

    private static JsonNode readJson(InputStream in, String filename) {
        try (in) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The profile package's " + filename + " is not readable JSON", e);
        }
    }
}
