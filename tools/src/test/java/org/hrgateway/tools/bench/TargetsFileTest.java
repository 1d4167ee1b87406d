package org.hrgateway.tools.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetsFileTest {

    @Test
    void givenLoadedTargets_whenWrittenAndRead_thenTheSame(@TempDir Path folder) throws Exception {
        QueryTargets targets = new QueryTargets(List.of(
                new QueryTargets.PatientTarget("p-1", "370102199001011234", List.of("718-7", "789-8")),
                new QueryTargets.PatientTarget("p-2", null, List.of())),
                List.of("r-1", "r-2"));
        Path file = folder.resolve("run/targets.json");

        TargetsFile.write(file, targets);

        assertEquals(targets, TargetsFile.read(file));
    }
}
