package org.hrgateway.view;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.federation.Peers;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.operation.Operations;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.operation.report.ReportSource;
import org.hrgateway.operation.report.ReportedFigures;
import org.hrgateway.security.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The authority dashboard (`[base]/$recognition-report?_format=html`, or `_format=csv` for its
 * figures): `$recognition-report`'s answer for each month (or day, or year) of the period asked, with
 * its filters, as the trend, and their sum as the period's figures; the orders behind the
 * unjustified repeats the reports list, and the certifications that lapse soon. Every figure comes from a report asked
 * through the operation itself, with the caller's own rights, so page, export and report agree.
 */
@ApplicationScoped
public class Dashboard {

    private static final String OPERATION = "$recognition-report";
    private static final int PAGE = 1000;

    /**
     * What the dashboard is asked for: dates (as the form sends them), an Organization reference and a
     * category, or null; `province`: every city's figures (scope=province), not only this one's.
     */
    public record Query(LocalDate start, LocalDate end, String organization, String category, boolean province) {
    }

    /** One part of the trend: a month (or a day, or a year) of the period and its report. */
    record Bucket(LocalDate start, LocalDate end, ChronoUnit unit, ReportedFigures figures) {
    }

    /** An unjustified repeat: the issue, the order behind it and the result it repeated. */
    record Repeat(String issue, Instant identified, String order, Instant ordered, String itemCode, String orderedBy,
                  String result) {
    }

    /** Everything a page or an export shows. */
    record Gathered(Query query, ReportedFigures total, List<Bucket> trend, Map<String, Organization> organizations,
                    List<Repeat> repeats) {
    }

    private final Operations operations;
    private final ReportSource source;
    private final SearchedResources searched;
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(DashboardModel.Board board);
    }

    private final ProfilePackage profiles;
    private final ZoneId zone;
    private final String city;
    private final Peers peers;
    private final int noticeDays;

    public Dashboard(Operations operations, ReportSource source, SearchedResources searched, ProfilePackage profiles,
                     Peers peers, GatewayConfig config) {
        this.operations = operations;
        this.source = source;
        this.searched = searched;
        this.profiles = profiles;
        this.zone = config.defaultTimezone();
        this.city = config.city().orElse("");
        this.peers = peers;
        this.noticeDays = config.dashboard().certificationNoticeDays();
    }

    /** The page for `params` (the form's fields), in `language`. */
    public Uni<String> page(Map<String, List<String>> params, Caller caller, String baseUrl, String language) {
        Query query = query(params);
        return gather(query, true, caller, baseUrl).map(gathered -> Templates.page(board(gathered, baseUrl, language))
                .setLocale(language.equals("en") ? Locale.ENGLISH : Locale.CHINESE).render());
    }

    /**
     * An export: every figure the page shows, or with `part` the orders behind the repeats
     * (`repeats`) or the certifications lapsing (`certifications`).
     */
    public Uni<String> csv(Map<String, List<String>> params, Caller caller, String baseUrl, String language) {
        String part = first(params, "part").orElse("figures");
        if (!DashboardCsv.PARTS.contains(part)) {
            throw OperationErrors.invalid("'part' is one of " + DashboardCsv.PARTS + ", not '" + part + "'");
        }
        Query query = query(params);
        return gather(query, part.equals("repeats"), caller, baseUrl)
                .map(gathered -> DashboardCsv.write(board(gathered, baseUrl, language), part, DashboardModel.text(language)));
    }

    private DashboardModel.Board board(Gathered gathered, String baseUrl, String language) {
        Map<String, String> bases = new LinkedHashMap<>();
        if (!city.isEmpty()) {
            bases.put(city, baseUrl);
        }
        peers.all().forEach(peer -> bases.put(peer.city(), peer.baseUrl()));
        return DashboardModel.of(gathered, profiles, city, bases, noticeDays, zone, baseUrl, language);
    }

    /** Whether `operation` (as it came in the path) is the one the dashboard shows. */
    public static boolean shows(String operation) {
        return operation.equals(OPERATION) || operation.equals("%24" + OPERATION.substring(1));
    }

    /**
     * The query in `params` (the form's fields; empty ones are absent). Without dates: the last twelve
     * months, this one included.
     */
    public Query query(Map<String, List<String>> params) {
        LocalDate end = date(params, "period-end").orElse(LocalDate.now(zone));
        LocalDate start = date(params, "period-start").orElse(end.withDayOfMonth(1).minusMonths(11));
        if (end.isBefore(start)) {
            throw OperationErrors.invalid("period-end " + end + " is before period-start " + start);
        }
        String scope = first(params, "scope").orElse("city");
        if (!scope.equals("city") && !scope.equals("province")) {
            throw OperationErrors.invalid("'scope' is city or province, not '" + scope + "'");
        }
        return new Query(start, end, first(params, "organization").orElse(null), first(params, "category").orElse(null),
                scope.equals("province"));
    }

    /**
     * The trend's reports, the whole period's figures as their sum (each call, decision and card falls
     * in exactly one part, so the sum is the report of the whole period, without reading it twice), the
     * institutions and, when `withRepeats`, the orders behind the repeats, newest first.
     */
    Uni<Gathered> gather(Query query, boolean withRepeats, Caller caller, String baseUrl) {
        return trend(query, caller, baseUrl)
                .chain(trend -> {
                    ReportedFigures total = ReportedFigures.sum(trend.stream().map(Bucket::figures).toList());
                    return organizations(baseUrl)
                            .chain(organizations -> (withRepeats ? repeats(total.repeatIssues(), baseUrl)
                                    : Uni.createFrom().item(List.<Repeat>of()))
                                    .map(repeats -> new Gathered(query, total, trend, organizations, repeats)));
                });
    }

    /** `$recognition-report` for one span, through the operation: its parameters checked, the caller authorized. */
    private Uni<ReportedFigures> report(Query query, LocalDate start, LocalDate end, Caller caller, String baseUrl) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("period-start", List.of(start.toString()));
        params.put("period-end", List.of(end.toString()));
        if (query.organization() != null) {
            params.put("organization", List.of(query.organization()));
        }
        if (query.category() != null) {
            params.put("category", List.of(query.category()));
        }
        if (query.province()) {
            params.put("scope", List.of("province"));
        }
        return operations.invoke(OPERATION, true, new OperationInput(null, null, params, null, baseUrl), caller)
                .map(answer -> ReportedFigures.of((MeasureReport) answer));
    }

    /** One report per day of a period up to a month, per month up to three years, else per year. */
    private Uni<List<Bucket>> trend(Query query, Caller caller, String baseUrl) {
        Uni<List<Bucket>> chain = Uni.createFrom().item(new ArrayList<>());
        ChronoUnit unit = unit(query.start(), query.end());
        for (LocalDate[] span : spans(query.start(), query.end())) {
            chain = chain.chain(buckets -> report(query, span[0], span[1], caller, baseUrl).map(figures -> {
                buckets.add(new Bucket(span[0], span[1], unit, figures));
                return buckets;
            }));
        }
        return chain;
    }

    static ChronoUnit unit(LocalDate start, LocalDate end) {
        if (ChronoUnit.DAYS.between(start, end) < 31) {
            return ChronoUnit.DAYS;
        }
        return ChronoUnit.MONTHS.between(start.withDayOfMonth(1), end.withDayOfMonth(1)) < 36 ? ChronoUnit.MONTHS
                : ChronoUnit.YEARS;
    }

    /** The period cut at the unit's boundaries: the first and last spans may be partial. */
    static List<LocalDate[]> spans(LocalDate start, LocalDate end) {
        ChronoUnit unit = unit(start, end);
        List<LocalDate[]> spans = new ArrayList<>();
        for (LocalDate from = start; !from.isAfter(end); ) {
            LocalDate next = switch (unit) {
                case DAYS -> from.plusDays(1);
                case MONTHS -> from.withDayOfMonth(1).plusMonths(1);
                default -> from.withDayOfYear(1).plusYears(1);
            };
            LocalDate to = next.minusDays(1).isAfter(end) ? end : next.minusDays(1);
            spans.add(new LocalDate[]{from, to});
            from = next;
        }
        return spans;
    }

    /** Every Organization held, by reference: names for the filters, the tables and the certifications. */
    private Uni<Map<String, Organization>> organizations(String baseUrl) {
        return searched.all("Organization", Map.of(), PAGE, baseUrl).map(found -> {
            Map<String, Organization> byReference = new LinkedHashMap<>();
            found.forEach(resource -> byReference.put("Organization/" + resource.getIdElement().getIdPart(),
                    (Organization) resource));
            return byReference;
        });
    }

    /**
     * The issues the report listed that this gateway holds, with the orders they implicate (newest
     * first); other cities' (absolute URLs) are on their own dashboards.
     */
    private Uni<List<Repeat>> repeats(List<String> listed, String baseUrl) {
        List<String> issues = listed.stream().filter(issue -> !issue.contains("://")).toList();
        if (issues.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return source.issues(issues, baseUrl).chain(found -> source.implicated(found, baseUrl)
                .map(implicated -> found.stream().map(issue -> repeat(issue, implicated))
                        .sorted(Comparator.comparing(Repeat::identified, Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList()));
    }

    private Repeat repeat(DetectedIssue issue, Map<String, Resource> implicated) {
        ServiceRequest order = null;
        String orderReference = null;
        String result = null;
        for (Reference reference : issue.getImplicated()) {
            String relative = reference.getReference();
            if (relative != null && relative.startsWith("ServiceRequest/")) {
                orderReference = relative;
                order = implicated.get(relative) instanceof ServiceRequest found ? found : null;
            } else if (relative != null) {
                result = relative;
            }
        }
        Instant identified = issue.hasIdentifiedDateTimeType() ? issue.getIdentifiedDateTimeType().getValue().toInstant()
                : issue.getMeta().hasLastUpdated() ? issue.getMeta().getLastUpdated().toInstant() : null;
        return new Repeat("DetectedIssue/" + issue.getIdElement().getIdPart(), identified, orderReference,
                order != null && order.hasAuthoredOn() ? order.getAuthoredOn().toInstant() : null,
                order == null ? null : order.getCode().getCoding().stream()
                        .filter(coding -> profiles.catalogue().system().equals(coding.getSystem()))
                        .map(coding -> coding.getCode()).findFirst().orElse(null),
                order == null ? null : ReportSource.orderingOrganization(order, implicated), result);
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        return params.getOrDefault(name, List.of()).stream().filter(value -> value != null && !value.isBlank())
                .map(String::trim).findFirst();
    }

    private static Optional<LocalDate> date(Map<String, List<String>> params, String name) {
        return first(params, name).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                throw OperationErrors.invalid("'" + name + "' on the dashboard is a date (YYYY-MM-DD), not '" + text + "'");
            }
        });
    }
}
