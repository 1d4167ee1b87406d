package org.hrgateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped memory settings (src/main/jvm/memory.options) are understood by the JVM the service
 * runs on, and size the heap from the container's limit: a third of it, starting small. A pod
 * limited to 768 MiB is simulated with -XX:MaxRAM, which the JVM reads as the machine's memory.
 */
class JvmMemoryOptionsTest {

    private static final Path OPTIONS = Path.of("src", "main", "jvm", "memory.options");

    @Test
    void givenAPodOf768MiB_whenTheJvmReadsTheOptions_thenAThirdIsHeapAndItStartsSmall() throws Exception {
        Process java = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=768m", "@" + OPTIONS, "-XX:+PrintFlagsFinal", "-version"))
                .redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, java.exitValue(), flags);
        long maxHeap = flag(flags, "MaxHeapSize");
        long initialHeap = flag(flags, "InitialHeapSize");
        long mib = 1024 * 1024;
        assertTrue(maxHeap >= 240 * mib && maxHeap <= 260 * mib, "MaxHeapSize " + maxHeap);
        assertTrue(initialHeap <= 40 * mib, "InitialHeapSize " + initialHeap);
        assertEquals(1, flag(flags, "ExitOnOutOfMemoryError"));
    }

    private static long flag(String flags, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "\\s+=\\s+(\\w+)").matcher(flags);
        assertTrue(matcher.find(), name + " not printed");
        String value = matcher.group(1);
        return switch (value) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Long.parseLong(value);
        };
    }
}
