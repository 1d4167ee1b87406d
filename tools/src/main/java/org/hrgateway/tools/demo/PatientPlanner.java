package org.hrgateway.tools.demo;

import org.hrgateway.tools.demo.PatientPlan.ReportOrder;
import org.hrgateway.tools.demo.Province.City;
import org.hrgateway.tools.demo.Province.Institution;
import org.hrgateway.tools.demo.Province.ReportPanel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides who a synthetic patient is and where and when they were tested. A patient lives in one
 * city but a share of their visits happen elsewhere in the province, because results that cross
 * cities are what mutual recognition is for.
 */
final class PatientPlanner {

    private static final int MAX_VISITS = 3;
    private static final int MAX_REPORTS_PER_VISIT = 3;
    private static final double VISIT_AWAY_FROM_HOME_SHARE = 0.4;
    /** Results spread over this window before "now", so "recent result" rules have both sides. */
    private static final int RESULT_WINDOW_DAYS = 120;
    /** Samples are drawn in the first half of a day at least a day ago, so issued stays before now. */
    private static final int SAMPLING_WINDOW_SECONDS = 12 * 3600;
    private static final int MAX_TURNAROUND_MINUTES = 8 * 60;

    private final Province province;
    private final ResidentIdAllocator residentIds;
    private final Instant now;

    PatientPlanner(Province province, ResidentIdAllocator residentIds, Instant now) {
        this.province = province;
        this.residentIds = residentIds;
        this.now = now;
    }

    PatientPlan plan(int index, Random random) {
        ResidentIdAllocator.Identity identity = residentIds.allocate(index);
        City homeCity = province.cityOfArea(identity.areaCode());
        Institution homeInstitution = pick(province.institutionsIn(homeCity), random);
        Province.Residents residents = province.residents();
        String familyName = pick(residents.familyNames(), random);
        String givenName = pick(identity.male() ? residents.maleGivenNames() : residents.femaleGivenNames(), random);

        List<ReportOrder> orders = new ArrayList<>();
        int visits = 1 + random.nextInt(MAX_VISITS);
        for (int visit = 0; visit < visits; visit++) {
            Institution institution = pick(province.institutionsIn(visitCity(homeCity, random)), random);
            Instant effective = now
                    .minus(Duration.ofDays(1 + random.nextInt(RESULT_WINDOW_DAYS)))
                    .plusSeconds(random.nextInt(SAMPLING_WINDOW_SECONDS));
            Instant issued = effective.plus(Duration.ofMinutes(30 + random.nextInt(MAX_TURNAROUND_MINUTES)));
            int reports = 1 + random.nextInt(MAX_REPORTS_PER_VISIT);
            for (ReportPanel panel : pickDistinct(province.reportPanels(), reports, random)) {
                orders.add(new ReportOrder(institution, panel, effective, issued));
            }
        }
        return new PatientPlan(identity, familyName, givenName, homeInstitution, orders);
    }

    private City visitCity(City homeCity, Random random) {
        List<City> elsewhere = province.cities().stream().filter(c -> !c.equals(homeCity)).toList();
        if (elsewhere.isEmpty() || random.nextDouble() >= VISIT_AWAY_FROM_HOME_SHARE) {
            return homeCity;
        }
        return pick(elsewhere, random);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    /** A partial Fisher–Yates shuffle: {@code count} different values, fewer if the list is shorter. */
    private static <T> List<T> pickDistinct(List<T> values, int count, Random random) {
        List<T> pool = new ArrayList<>(values);
        int taken = Math.min(count, pool.size());
        for (int i = 0; i < taken; i++) {
            int j = i + random.nextInt(pool.size() - i);
            pool.set(j, pool.set(i, pool.get(j)));
        }
        return pool.subList(0, taken);
    }
}
