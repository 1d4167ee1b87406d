package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The query targets of a load, kept in a file: a database loaded once (a million Observations take
 * half an hour) is measured again later with targets drawn from everything loaded, not only the few
 * patients a search finds, whose pages would all be hot in the database's cache.
 */
final class TargetsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetsFile() {
    }

    static void write(Path file, QueryTargets targets) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), targets);
    }

    static QueryTargets read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), QueryTargets.class);
    }
}
