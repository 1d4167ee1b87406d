package org.hrgateway.tools.demo;

import java.util.Random;
import java.util.UUID;

/**
 * Derives independent random streams from one seed. Every patient gets its own stream so that any
 * patient's bundle can be rebuilt alone, in any order, and still come out identical.
 */
final class Seeds {

    private Seeds() {
    }

    /** SplitMix64 finaliser: neighbouring (seed, stream) pairs give unrelated values. */
    static long mix(long seed, long stream) {
        long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static Random stream(long seed, long stream) {
        return new Random(mix(seed, stream));
    }

    /** A version-4-shaped UUID drawn from the given stream, so fullUrls are reproducible. */
    static String urnUuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return "urn:uuid:" + new UUID(high, low);
    }
}
