package org.hrgateway.tools.bench;

import org.hrgateway.tools.bench.QueryTargets.PatientTarget;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The searches a clinician's workstation makes all day, as benchmark scenarios:
 * <ol>
 *   <li>{@code patient-code-date}: one patient's results for one test over the last year, newest first;</li>
 *   <li>{@code report-include}: a lab report with its results;</li>
 *   <li>{@code chained-resident}: a patient's results found by resident ID, without knowing the server's id;</li>
 *   <li>{@code read}: a patient by id;</li>
 *   <li>{@code recognize} (with {@code --recognize}, HR Gateway's own operation): which of a patient's
 *       results may be recognized for up to three items about to be ordered;</li>
 *   <li>{@code cds-hook} (with {@code --recognize}): the same question as a workstation asks it at order
 *       time, an {@code order-sign} CDS Hooks call with up to three draft orders and the patient prefetched.</li>
 * </ol>
 */
final class Scenarios {

    static final int PAGE_SIZE = 20;

    private Scenarios() {
    }

    /** All scenarios over {@code targets}; {@code since} is the lower date bound of patient-code-date. */
    static List<Scenario> all(QueryTargets targets, LocalDate since, boolean recognize) {
        List<Scenario> all = new ArrayList<>(List.of(
                patientCodeDate(targets.withCodes(), since),
                reportInclude(targets.reportIds()),
                chainedResident(targets.withResidentId()),
                read(targets.patients())));
        if (recognize) {
            all.add(recognize(targets.withCodes()));
            all.add(cdsHook(targets.withCodes().stream().filter(patient -> patient.residentId() != null).toList()));
        }
        return all;
    }

    static Scenario recognize(List<PatientTarget> patients) {
        return new Scenario("recognize", random -> {
            PatientTarget patient = pick(patients, random, "Patient with Observations");
            List<String> codes = new ArrayList<>(patient.loincCodes());
            java.util.Collections.shuffle(codes, random);
            codes = codes.subList(0, Math.min(3, codes.size()));
            StringBuilder body = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
            for (int i = 0; i < codes.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"name\":\"code\",\"valueCoding\":{\"system\":\"")
                        .append(BenchUris.LOINC).append("\",\"code\":\"").append(codes.get(i)).append("\"}}");
            }
            int asked = codes.size();
            return new Scenario.Probe("Patient/" + encode(patient.id()) + "/$recognize", body.append("]}").toString(),
                    response -> ResponseChecks.recognize(response, asked));
        });
    }

    /** The order-sign service's path under the FHIR base (the gateway's docs/cds-hooks.md). */
    static final String ORDER_SIGN = "cds-services/hr-recognition-order-sign";

    static Scenario cdsHook(List<PatientTarget> patients) {
        return new Scenario("cds-hook", random -> {
            PatientTarget patient = pick(patients, random, "Patient with Observations and a resident ID");
            List<String> codes = new ArrayList<>(patient.loincCodes());
            java.util.Collections.shuffle(codes, random);
            codes = codes.subList(0, Math.min(3, codes.size()));
            StringBuilder drafts = new StringBuilder();
            for (int i = 0; i < codes.size(); i++) {
                drafts.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"ServiceRequest\",\"id\":\"draft-")
                        .append(i).append("\",\"status\":\"draft\",\"intent\":\"order\",\"code\":{\"coding\":[{\"system\":\"")
                        .append(BenchUris.LOINC).append("\",\"code\":\"").append(codes.get(i))
                        .append("\"}]},\"subject\":{\"reference\":\"Patient/ws-1\"}}}");
            }
            String body = "{\"hook\":\"order-sign\",\"hookInstance\":\"" + new java.util.UUID(random.nextLong(), random.nextLong())
                    + "\",\"context\":{\"userId\":\"Practitioner/bench\",\"patientId\":\"ws-1\",\"draftOrders\":"
                    + "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + drafts + "]}},"
                    + "\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"id\":\"ws-1\",\"identifier\":[{\"system\":\""
                    + BenchUris.RESIDENT_ID + "\",\"value\":\"" + patient.residentId() + "\"}]}}}";
            int asked = codes.size();
            return new Scenario.Probe(ORDER_SIGN, body, response -> ResponseChecks.cdsHook(response, asked));
        });
    }

    static Scenario patientCodeDate(List<PatientTarget> patients, LocalDate since) {
        return new Scenario("patient-code-date", random -> {
            PatientTarget patient = pick(patients, random, "Patient with Observations");
            String code = patient.loincCodes().get(random.nextInt(patient.loincCodes().size()));
            String path = "Observation?patient=" + encode("Patient/" + patient.id())
                    + "&code=" + encode(BenchUris.LOINC + "|" + code)
                    + "&date=ge" + since
                    + "&_sort=-date&_count=" + PAGE_SIZE;
            return new Scenario.Probe(path,
                    response -> ResponseChecks.patientCodeDate(response, patient.id(), code, since, PAGE_SIZE));
        });
    }

    static Scenario reportInclude(List<String> reportIds) {
        return new Scenario("report-include", random -> {
            String reportId = pick(reportIds, random, "DiagnosticReport");
            String path = "DiagnosticReport?_id=" + encode(reportId) + "&_include=DiagnosticReport:result";
            return new Scenario.Probe(path, response -> ResponseChecks.reportInclude(response, reportId));
        });
    }

    static Scenario chainedResident(List<PatientTarget> patients) {
        return new Scenario("chained-resident", random -> {
            PatientTarget patient = pick(patients, random, "Patient with a resident ID");
            String path = "Observation?subject:Patient.identifier="
                    + encode(BenchUris.RESIDENT_ID + "|" + patient.residentId())
                    + "&_count=" + PAGE_SIZE;
            return new Scenario.Probe(path,
                    response -> ResponseChecks.chainedResident(response, patient.id(), PAGE_SIZE));
        });
    }

    static Scenario read(List<PatientTarget> patients) {
        return new Scenario("read", random -> {
            PatientTarget patient = pick(patients, random, "Patient");
            return new Scenario.Probe("Patient/" + encode(patient.id()),
                    response -> ResponseChecks.read(response, "Patient", patient.id()));
        });
    }

    private static <T> T pick(List<T> values, Random random, String what) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no " + what + " to query");
        }
        return values.get(random.nextInt(values.size()));
    }

    /** Query values carry {@code |}, {@code :} and {@code /}; percent-encoded, every server reads them alike. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
