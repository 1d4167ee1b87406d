package org.hrgateway.tools.demo;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Hands out 18-character resident IDs shaped like the national ones (GB 11643: area code, birth date,
 * sequence number whose parity is the sex, ISO 7064 MOD 11-2 check character).
 *
 * <p>Patient {@code index} gets the slot at a seeded permutation of the index rather than a random draw:
 * random draws collide once benchmarks ask for millions of residents, and two patients sharing an ID
 * would merge under conditional create and break identifier searches.
 */
final class ResidentIdAllocator {

    /** The three-digit sequence number runs 001..999. */
    private static final int SEQUENCES_PER_DAY = 999;
    private static final int[] CHECK_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private final List<String> areaCodes;
    private final LocalDate firstBirthDate;
    private final long birthDays;
    private final BigInteger slots;
    private final BigInteger stride;
    private final BigInteger offset;

    ResidentIdAllocator(List<String> areaCodes, LocalDate birthDateFrom, LocalDate birthDateTo, long seed) {
        this.areaCodes = List.copyOf(areaCodes);
        this.firstBirthDate = birthDateFrom;
        this.birthDays = ChronoUnit.DAYS.between(birthDateFrom, birthDateTo) + 1;
        this.slots = BigInteger.valueOf(areaCodes.size())
                .multiply(BigInteger.valueOf(birthDays))
                .multiply(BigInteger.valueOf(SEQUENCES_PER_DAY));
        this.stride = strideCoprimeTo(slots, seed);
        this.offset = BigInteger.valueOf(Seeds.mix(seed, 1)).mod(slots);
    }

    /** How many distinct residents this allocator can name. */
    long capacity() {
        return slots.longValueExact();
    }

    Identity allocate(int index) {
        if (index < 0 || index >= capacity()) {
            throw new IllegalArgumentException("Resident index " + index + " is outside 0.." + (capacity() - 1));
        }
        long slot = BigInteger.valueOf(index).multiply(stride).add(offset).mod(slots).longValueExact();
        int sequence = (int) (slot % SEQUENCES_PER_DAY) + 1;
        long rest = slot / SEQUENCES_PER_DAY;
        LocalDate birthDate = firstBirthDate.plusDays(rest % birthDays);
        String areaCode = areaCodes.get((int) (rest / birthDays));
        String first17 = areaCode + birthDate.toString().replace("-", "") + String.format("%03d", sequence);
        return new Identity(first17 + checkCharacter(first17), areaCode, birthDate, sequence % 2 == 1);
    }

    /** ISO 7064 MOD 11-2 as used by GB 11643; visible to tests so that they can verify generated IDs. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < CHECK_WEIGHTS.length; i++) {
            sum += Character.digit(first17.charAt(i), 10) * CHECK_WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** Multiplying by a stride coprime to the slot count makes index → slot a bijection. */
    private static BigInteger strideCoprimeTo(BigInteger slots, long seed) {
        BigInteger candidate = BigInteger.valueOf(Seeds.mix(seed, 0)).mod(slots);
        while (candidate.signum() == 0 || !candidate.gcd(slots).equals(BigInteger.ONE)) {
            candidate = candidate.add(BigInteger.ONE).mod(slots);
        }
        return candidate;
    }

    /** A resident's ID and the facts encoded in it. */
    record Identity(String residentId, String areaCode, LocalDate birthDate, boolean male) {
    }
}
