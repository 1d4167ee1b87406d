package org.hrgateway.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The CPU the machine spent, less the load client's own: on a machine that runs only the server
 * and its database beside the client, that is what the requests cost the server side (gateway and
 * PostgreSQL together). Read from Linux's /proc/stat; unknown elsewhere.
 */
final class CpuMeter {

    /** Linux reports /proc/stat in USER_HZ, 100 per second on every architecture it runs on today. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** CPU time used so far: by the whole machine (busy, not idle or waiting for I/O) and by this process. */
    record Reading(long machineNanos, long selfNanos) {

        /** Milliseconds of CPU per request between `earlier` and this reading, the client's own left out. */
        double msPerRequest(Reading earlier, int requests) {
            long others = (machineNanos - earlier.machineNanos) - (selfNanos - earlier.selfNanos);
            return requests > 0 ? Math.max(0, others) / 1e6 / requests : 0;
        }
    }

    private CpuMeter() {
    }

    static Optional<Reading> read() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            return lines.isEmpty() ? Optional.empty()
                    : Optional.of(new Reading(busyNanos(lines.get(0)), os.getProcessCpuTime()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The busy time in the `cpu` line of /proc/stat: user, nice, system, irq, softirq and steal;
     * idle and iowait are not work (guest time is already counted in user).
     */
    static long busyNanos(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!"cpu".equals(fields[0]) || fields.length < 9) {
            throw new IllegalArgumentException("Not the cpu line of /proc/stat: " + cpuLine);
        }
        long ticks = 0;
        for (int field : new int[]{1, 2, 3, 6, 7, 8}) {
            ticks += Long.parseLong(fields[field]);
        }
        return ticks * NANOS_PER_TICK;
    }
}
