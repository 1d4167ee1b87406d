package org.hrgateway.view;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hrgateway.conformance.Designations;
import org.hrgateway.conformance.LabItemCatalogue;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.ReadableValues;
import org.hrgateway.operation.recognize.Certification;
import org.hrgateway.operation.report.ReportedFigures;
import org.hrgateway.view.Dashboard.Bucket;
import org.hrgateway.view.Dashboard.Gathered;
import org.hrgateway.view.Dashboard.Query;
import org.hrgateway.view.Dashboard.Repeat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the dashboard shows, in the page's language, worked out once: the page's template draws it and
 * the CSV export writes it, so the two cannot differ. Chart geometry is computed here (plain SVG and
 * CSS bars: the page prints, needs no script and its figures can be read by a test).
 */
final class DashboardModel {

    /** Rows of a table shown on the page; the CSV export has them all. */
    static final int ROWS_SHOWN = 100;

    /** A filter's choice. */
    record Option(String value, String label, boolean selected) {
    }

    /** A headline figure: `id` names it in the page and the export. */
    record Tile(String id, String label, String value) {
    }

    /** A count and its bar, `width` in percent of the largest (or, stacked, of the whole). */
    record Bar(String code, String label, int count, String width) {
    }

    /**
     * One part of the trend. Geometry in the chart's own units (viewBox 0 0 960 220): the bar from
     * (x, y) with its width and height, its label under it at labelX (blank when labels would crowd).
     */
    record TrendBar(String period, String label, int recognized, int judged, String rate, String rateFigure, boolean hasRate,
                    String x, String y, String width, String height, String labelX, String rateY, String axisLabel) {
    }

    record RepeatRow(String identified, String itemCode, String item, String orderedBy, String orderedByName,
                     String order, String ordered, String result, String resultPage, String issue) {
    }

    record Lapse(String institution, String institutionName, String category, String categoryName, String ends,
                 long daysLeft) {
    }

    /** One city's figures in a province's dashboard, with a link to its own dashboard for the same query. */
    record CityRow(String city, int calls, int recognized, int notRecognized, String rate, String rateFigure, int declines,
                   int unjustifiedRepeats, int ordersReplaced, String dashboard) {
    }

    record Board(String lang, String start, String end, String period, String city, boolean province,
                 boolean provinceOffered, List<CityRow> cities, boolean complete, String organization,
                 String category, List<Option> institutions, List<Option> categories, String rate, String rateFigure,
                 List<Tile> tiles,
                 List<TrendBar> trend, String trendLabel, List<Bar> items, List<Bar> reasons, List<Bar> declineReasons,
                 List<RepeatRow> repeats, List<RepeatRow> repeatsShown, int moreRepeats, List<Lapse> lapsing,
                 int noticeDays, String csvFigures, String csvRepeats, String csvCertifications, String reportUrl,
                 String generated) {
    }

    private static final double CHART_LEFT = 44;
    private static final double CHART_TOP = 18;
    private static final double CHART_WIDTH = 904;
    private static final double CHART_HEIGHT = 170;

    private DashboardModel() {
    }

    static BoardText text(String language) {
        return language.equals("en") ? MessageBundles.get(BoardText.class, Localized.Literal.of("en"))
                : MessageBundles.get(BoardText.class);
    }

    /** `bases`: every city's FHIR base by its code, this one's first (none when not in a province). */
    static Board of(Gathered gathered, ProfilePackage profiles, String city, Map<String, String> bases, int noticeDays,
                    ZoneId zone, String baseUrl, String language) {
        BoardText text = text(language);
        Query query = gathered.query();
        ReportedFigures total = gathered.total();
        List<Tile> tiles = List.of(
                new Tile("recognition-rate", text.rate(), percent(total.rate())),
                new Tile("recognize-calls", text.calls(), String.valueOf(total.calls())),
                new Tile("items", text.items(), String.valueOf(total.recognized() + total.notRecognized() + total.notApplicable())),
                new Tile("recognized", text.recognized(), String.valueOf(total.recognized())),
                new Tile("not-recognized", text.notRecognized(), String.valueOf(total.notRecognized())),
                new Tile("declines", text.declines(), String.valueOf(total.declines())),
                new Tile("unjustified-repeats", text.unjustifiedRepeats(), String.valueOf(total.unjustifiedRepeats())),
                new Tile("orders-replaced", text.ordersReplaced(), String.valueOf(total.ordersReplaced())));
        int asked = total.recognized() + total.notRecognized() + total.notApplicable();
        List<Bar> items = List.of(
                new Bar("recognized", text.recognized(), total.recognized(), share(total.recognized(), asked)),
                new Bar("not-recognized", text.notRecognized(), total.notRecognized(), share(total.notRecognized(), asked)),
                new Bar("not-applicable", text.notApplicable(), total.notApplicable(), share(total.notApplicable(), asked)));
        List<RepeatRow> repeats = gathered.repeats().stream()
                .map(repeat -> row(repeat, gathered.organizations(), profiles, zone, baseUrl, language)).toList();
        String params = params(query);
        String operationUrl = baseUrl + "/$recognition-report?" + params + (query.province() ? "&scope=province" : "");
        List<CityRow> cities = total.cities().stream().map(one -> new CityRow(one.city(), one.calls(), one.recognized(),
                one.notRecognized(), percent(one.rate()), figure(one.rate()), one.declines(), one.unjustifiedRepeats(),
                one.ordersReplaced(), bases.containsKey(one.city())
                        ? bases.get(one.city()) + "/$recognition-report?_format=html&" + params : "")).toList();
        return new Board(language, query.start().toString(), query.end().toString(),
                query.start() + "/" + query.end(), city, query.province(), bases.size() > 1, cities, total.complete(),
                query.organization() == null ? "" : query.organization(), query.category() == null ? "" : query.category(),
                institutions(gathered.organizations(), query), categories(profiles, query, language),
                percent(total.rate()), figure(total.rate()), tiles, trend(gathered.trend()), trendLabel(gathered.trend()), items,
                bars(total.notRecognizedByReason(), profiles, "mr-recognition-reason", language),
                bars(total.declinesByReason(), profiles, "mr-decline-reason", language),
                repeats, repeats.subList(0, Math.min(ROWS_SHOWN, repeats.size())),
                Math.max(0, repeats.size() - ROWS_SHOWN),
                lapsing(gathered.organizations(), query, profiles, noticeDays, zone, language), noticeDays,
                operationUrl + "&_format=csv", operationUrl + "&_format=csv&part=repeats",
                operationUrl + "&_format=csv&part=certifications", operationUrl + "&_format=json",
                ReadableValues.dateTime(Instant.now(), zone));
    }

    /** The query as URL parameters, for the export links (the dates always given: a link stays what it showed). */
    private static String params(Query query) {
        StringBuilder params = new StringBuilder("period-start=" + query.start() + "&period-end=" + query.end());
        if (query.organization() != null) {
            params.append("&organization=").append(java.net.URLEncoder.encode(query.organization(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (query.category() != null) {
            params.append("&category=").append(java.net.URLEncoder.encode(query.category(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params.toString();
    }

    static String percent(Double rate) {
        return rate == null ? "–" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A rate as a spreadsheet computes with it (`0.7500`), blank where there is none. */
    static String figure(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.4f", rate);
    }

    private static String share(int count, int whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%.2f", 100.0 * count / whole);
    }

    private static List<TrendBar> trend(List<Bucket> buckets) {
        List<TrendBar> bars = new ArrayList<>();
        int n = buckets.size();
        double step = CHART_WIDTH / Math.max(1, n);
        double width = step * 0.62;
        // At most about a dozen labels under the axis, whatever the number of bars.
        int every = (int) Math.ceil(n / 12.0);
        for (int i = 0; i < n; i++) {
            Bucket bucket = buckets.get(i);
            Double rate = bucket.figures().rate();
            double height = rate == null ? 0 : rate * CHART_HEIGHT;
            double x = CHART_LEFT + i * step + (step - width) / 2;
            double y = CHART_TOP + CHART_HEIGHT - height;
            String label = label(bucket);
            bars.add(new TrendBar(bucket.start() + "/" + bucket.end(), label, bucket.figures().recognized(),
                    bucket.figures().judged(), percent(rate), figure(rate), rate != null, number(x), number(y), number(width),
                    number(height), number(x + width / 2), number(y - 4), i % every == 0 ? label : ""));
        }
        return bars;
    }

    private static String trendLabel(List<Bucket> buckets) {
        return buckets.isEmpty() ? "" : buckets.get(0).unit().name().toLowerCase(Locale.ROOT);
    }

    private static String label(Bucket bucket) {
        return switch (bucket.unit()) {
            case DAYS -> bucket.start().toString().substring(5);
            case MONTHS -> bucket.start().toString().substring(0, 7);
            default -> String.valueOf(bucket.start().getYear());
        };
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Counts by reason, largest first, each named by the reason list's designation. */
    private static List<Bar> bars(Map<String, Integer> counts, ProfilePackage profiles, String codeSystem, String language) {
        int largest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        CodeSystem reasons = profiles.resource(CodeSystem.class, codeSystem).orElse(null);
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> new Bar(entry.getKey(), reasons == null ? entry.getKey()
                        : Designations.display(reasons, entry.getKey(), language).orElse(entry.getKey()),
                        entry.getValue(), share(entry.getValue(), largest)))
                .toList();
    }

    private static RepeatRow row(Repeat repeat, Map<String, Organization> organizations, ProfilePackage profiles,
                                 ZoneId zone, String baseUrl, String language) {
        Organization orderedBy = repeat.orderedBy() == null ? null : organizations.get(repeat.orderedBy());
        String item = repeat.itemCode() == null ? "" : profiles.catalogue().item(repeat.itemCode())
                .map(found -> found.name(language)).orElse(repeat.itemCode());
        return new RepeatRow(ReadableValues.dateTime(repeat.identified(), zone), Objects.toString(repeat.itemCode(), ""),
                item, Objects.toString(repeat.orderedBy(), ""), orderedBy == null ? "" : orderedBy.getName(),
                Objects.toString(repeat.order(), ""), ReadableValues.dateTime(repeat.ordered(), zone),
                Objects.toString(repeat.result(), ""),
                repeat.result() == null ? "" : baseUrl + "/" + repeat.result() + "?_format=html", repeat.issue());
    }

    private static List<Option> institutions(Map<String, Organization> organizations, Query query) {
        return organizations.entrySet().stream()
                .map(entry -> new Option(entry.getKey(), entry.getValue().hasName() ? entry.getValue().getName() : entry.getKey(),
                        entry.getKey().equals(query.organization())))
                .sorted(Comparator.comparing(Option::label)).toList();
    }

    private static List<Option> categories(ProfilePackage profiles, Query query, String language) {
        CodeSystem categories = profiles.resource(CodeSystem.class, "mr-category").orElse(null);
        Map<String, String> byCode = new TreeMap<>();
        for (LabItemCatalogue.Item item : profiles.catalogue().items()) {
            byCode.computeIfAbsent(item.category(), code -> categories == null ? code
                    : Designations.display(categories, code, language).orElse(code));
        }
        return byCode.entrySet().stream().map(entry -> new Option(entry.getKey(), entry.getValue(),
                entry.getKey().equals(query.category()))).toList();
    }

    /**
     * Per institution and category, the last day its certifications cover, where that falls between
     * today and `noticeDays` from now: a renewal already recorded is not a lapse.
     */
    private static List<Lapse> lapsing(Map<String, Organization> organizations, Query query, ProfilePackage profiles,
                                       int noticeDays, ZoneId zone, String language) {
        String url = profiles.url(StructureDefinition.class, "eqa-certification");
        CodeSystem categories = profiles.resource(CodeSystem.class, "mr-category").orElse(null);
        Instant now = Instant.now();
        Instant horizon = LocalDate.now(zone).plusDays(noticeDays + 1L).atStartOfDay(zone).toInstant();
        List<Lapse> lapsing = new ArrayList<>();
        organizations.forEach((reference, organization) -> {
            if (query.organization() != null && !query.organization().equals(reference)) {
                return;
            }
            Map<String, Instant> lastDay = new TreeMap<>();
            Map<String, Boolean> open = new TreeMap<>();
            for (Certification certification : Certification.of(organization, url, zone)) {
                if (certification.end() == null) {
                    open.put(certification.category(), true);
                } else {
                    lastDay.merge(certification.category(), certification.end(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            lastDay.forEach((category, end) -> {
                if (open.containsKey(category) || (query.category() != null && !query.category().equals(category))
                        || end.isBefore(now) || !end.isBefore(horizon)) {
                    return;
                }
                LocalDate ends = end.atZone(zone).toLocalDate();
                lapsing.add(new Lapse(reference, organization.hasName() ? organization.getName() : reference, category,
                        categories == null ? category : Designations.display(categories, category, language).orElse(category),
                        ends.toString(), ChronoUnit.DAYS.between(LocalDate.now(zone), ends)));
            });
        });
        lapsing.sort(Comparator.comparing(Lapse::ends).thenComparing(Lapse::institutionName));
        return lapsing;
    }
}
