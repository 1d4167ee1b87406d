package org.hrgateway.tools.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuMeterTest {

    @Test
    void givenTheCpuLine_whenRead_thenBusyTicksWithoutIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String line = "cpu  1000 20 300 999999 4444 5 60 7 500 0";

        assertEquals((1000 + 20 + 300 + 5 + 60 + 7) * 10_000_000L, CpuMeter.busyNanos(line));
        assertThrows(IllegalArgumentException.class, () -> CpuMeter.busyNanos("cpu0 1 2 3 4 5 6 7 8"));
    }

    @Test
    void givenTwoReadings_whenPerRequest_thenTheClientsOwnCpuLeftOut() {
        CpuMeter.Reading before = new CpuMeter.Reading(10_000_000_000L, 1_000_000_000L);
        CpuMeter.Reading after = new CpuMeter.Reading(13_000_000_000L, 1_500_000_000L);

        // 3 s of machine CPU, 0.5 s of it the client's: 2.5 s over 1,000 requests.
        assertEquals(2.5, after.msPerRequest(before, 1000), 1e-9);
        assertEquals(0, after.msPerRequest(before, 0));
    }
}
