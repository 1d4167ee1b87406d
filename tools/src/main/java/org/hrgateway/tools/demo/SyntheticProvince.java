package org.hrgateway.tools.demo;

import org.hl7.fhir.r4.model.Bundle;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Synthetic demo and benchmark data for the province in {@code demo/province.json}, as FHIR R4
 * transaction Bundles: one per institution, then one per patient with their lab reports.
 *
 * <p>The same patient count, seed and "now" always give the same Bundles. Each patient draws from
 * its own random stream, so patient bundles are built lazily, one at a time, and any one of them can
 * be rebuilt alone; that keeps memory flat for benchmark-sized runs.
 */
public final class SyntheticProvince {

    private final Province province;
    private final int patients;
    private final long seed;
    private final PatientPlanner planner;
    private final PatientBundleBuilder bundleBuilder;
    private Integer resourceCount;

    public SyntheticProvince(int patients, long seed, Instant now) {
        this(Province.fromClasspath(), patients, seed, now);
    }

    public SyntheticProvince(Province province, int patients, long seed, Instant now) {
        if (patients < 0) {
            throw new IllegalArgumentException("Patient count must not be negative: " + patients);
        }
        Province.Residents residents = province.residents();
        ResidentIdAllocator residentIds = new ResidentIdAllocator(
                province.residentAreaCodes(), residents.birthDateFrom(), residents.birthDateTo(), seed);
        if (patients > residentIds.capacity()) {
            throw new IllegalArgumentException("The province has room for " + residentIds.capacity()
                    + " distinct resident IDs, fewer than " + patients + " patients");
        }
        this.province = province;
        this.patients = patients;
        this.seed = seed;
        this.planner = new PatientPlanner(province, residentIds, now);
        this.bundleBuilder = new PatientBundleBuilder(province, new LabResultFactory(province));
    }

    /** One transaction per institution; load these before any patient bundle refers to them. */
    public List<Bundle> organizationBundles() {
        return province.institutions().stream()
                .map(institution -> OrganizationResources.transaction(institution, province.name()))
                .toList();
    }

    /** The patient bundles, built one at a time as the iterator advances. */
    public Iterator<Bundle> patientBundles() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < patients;
            }

            @Override
            public Bundle next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return patientBundle(next++);
            }
        };
    }

    /** The bundle of patient {@code index} (0-based), identical to the one the iterator yields. */
    public Bundle patientBundle(int index) {
        if (index < 0 || index >= patients) {
            throw new IndexOutOfBoundsException("Patient " + index + " of " + patients);
        }
        Random random = Seeds.stream(seed, index);
        return bundleBuilder.build(planner.plan(index, random), random);
    }

    /** Organization bundles plus patient bundles. */
    public int bundleCount() {
        return province.institutions().size() + patients;
    }

    /**
     * The exact number of resources all bundles hold. Counted from the patient plans, which are cheap
     * to draw, without building any resource; computed on first call.
     */
    public synchronized int resourceCount() {
        if (resourceCount == null) {
            long patientResources = IntStream.range(0, patients)
                    .mapToLong(index -> planner.plan(index, Seeds.stream(seed, index)).resourceCount())
                    .sum();
            resourceCount = Math.toIntExact(province.institutions().size() + patientResources);
        }
        return resourceCount;
    }
}
