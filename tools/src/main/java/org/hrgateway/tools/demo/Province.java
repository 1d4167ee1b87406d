package org.hrgateway.tools.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The synthetic province the demo data lives in, as described by {@code demo/province.json}.
 * Cities, institutions, lab items and names are data, so that adding a city or a lab item is an edit
 * to that file and not to the generator.
 */
public record Province(
        String name,
        String timeZone,
        List<City> cities,
        List<Institution> institutions,
        List<LabItem> labItems,
        List<ReportPanel> reportPanels,
        Residents residents) {

    static final String CLASSPATH_RESOURCE = "/demo/province.json";

    public Province {
        cities = List.copyOf(cities);
        institutions = List.copyOf(institutions);
        labItems = List.copyOf(labItems);
        reportPanels = List.copyOf(reportPanels);
        // A typo in the data file should fail here, with the offending name, rather than as a
        // NullPointerException deep inside the generator.
        ZoneId.of(timeZone);
        requireUnique(cities.stream().map(City::name).toList(), "city name");
        requireUnique(institutions.stream().map(Institution::code).toList(), "institution code");
        requireUnique(labItems.stream().map(LabItem::code).toList(), "lab item code");
        Set<String> cityNames = Set.copyOf(cities.stream().map(City::name).toList());
        for (Institution institution : institutions) {
            require(cityNames.contains(institution.city()),
                    "institution " + institution.code() + " is in unknown city " + institution.city());
        }
        for (City city : cities) {
            require(institutions.stream().anyMatch(i -> i.city().equals(city.name())),
                    "city " + city.name() + " has no institution");
            require(!city.residentAreaCodes().isEmpty(), "city " + city.name() + " has no resident area code");
        }
        Set<String> itemCodes = Set.copyOf(labItems.stream().map(LabItem::code).toList());
        for (ReportPanel panel : reportPanels) {
            require(!panel.items().isEmpty(), "report panel " + panel.code() + " has no items");
            for (String item : panel.items()) {
                require(itemCodes.contains(item), "report panel " + panel.code() + " names unknown item " + item);
            }
        }
        require(!reportPanels.isEmpty(), "no report panels");
    }

    /** Reads the province shipped with the application. */
    public static Province fromClasspath() {
        try (InputStream in = Province.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    public static Province read(InputStream json) throws IOException {
        // A missing or null field is a mistake in the data file, not a default.
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .readValue(json, Province.class);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Every resident area code of every city, in file order. */
    public List<String> residentAreaCodes() {
        return cities.stream().flatMap(c -> c.residentAreaCodes().stream()).toList();
    }

    public City cityOfArea(String areaCode) {
        return cities.stream()
                .filter(c -> c.residentAreaCodes().contains(areaCode))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No city has area code " + areaCode));
    }

    public List<Institution> institutionsIn(City city) {
        return institutions.stream().filter(i -> i.city().equals(city.name())).toList();
    }

    public LabItem labItem(String code) {
        return labItems.stream()
                .filter(i -> i.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No lab item " + code));
    }

    private static void requireUnique(List<String> values, String what) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            require(seen.add(value), "duplicate " + what + " " + value);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(CLASSPATH_RESOURCE + ": " + problem);
        }
    }

    /** A prefecture-level city; resident IDs of people living there start with one of its area codes. */
    public record City(String name, String code, List<String> residentAreaCodes) {
        public City {
            residentAreaCodes = List.copyOf(residentAreaCodes);
        }
    }

    /**
     * A hospital or health centre; {@code level} is primary, secondary or tertiary;
     * {@code eqaCategories} the professional categories (mr-category) its laboratory holds an
     * external quality assessment certification for; {@code eqaEndsInDays} when those certifications
     * end, in days from the load (one ending soon shows on the authority dashboard as lapsing).
     */
    public record Institution(String code, String name, String level, String city, List<String> eqaCategories,
                              int eqaEndsInDays) {
        public Institution {
            eqaCategories = eqaCategories == null ? List.of() : List.copyOf(eqaCategories);
        }
    }

    /** One lab test with its UCUM unit, adult reference range and reporting precision. */
    public record LabItem(String code, String display, String unit, BigDecimal low, BigDecimal high, int decimals) {
        public LabItem {
            if (low.compareTo(high) >= 0) {
                throw new IllegalArgumentException(CLASSPATH_RESOURCE + ": lab item " + code + " has low >= high");
            }
        }
    }

    /** What one DiagnosticReport covers: a panel of items, or a single item under its own code. */
    public record ReportPanel(String code, String display, List<String> items) {
        public ReportPanel {
            items = List.copyOf(items);
        }
    }

    /** Who lives in the province: the birth-date window and the names drawn from. */
    public record Residents(
            LocalDate birthDateFrom,
            LocalDate birthDateTo,
            List<String> familyNames,
            List<String> maleGivenNames,
            List<String> femaleGivenNames) {
        public Residents {
            familyNames = List.copyOf(familyNames);
            maleGivenNames = List.copyOf(maleGivenNames);
            femaleGivenNames = List.copyOf(femaleGivenNames);
            if (!birthDateFrom.isBefore(birthDateTo)) {
                throw new IllegalArgumentException(CLASSPATH_RESOURCE + ": birthDateFrom must precede birthDateTo");
            }
        }
    }
}
