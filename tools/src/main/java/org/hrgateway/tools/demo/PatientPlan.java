package org.hrgateway.tools.demo;

import org.hrgateway.tools.demo.Province.Institution;
import org.hrgateway.tools.demo.Province.ReportPanel;

import java.time.Instant;
import java.util.List;

/**
 * Who one synthetic patient is and which reports they had where and when, before any FHIR resource
 * is built. Keeping the plan separate lets the generator count resources without building them.
 */
record PatientPlan(
        ResidentIdAllocator.Identity identity,
        String familyName,
        String givenName,
        Institution homeInstitution,
        List<ReportOrder> orders) {

    PatientPlan {
        orders = List.copyOf(orders);
    }

    /** The Patient, plus each DiagnosticReport with one Observation per item. */
    int resourceCount() {
        return 1 + orders.stream().mapToInt(order -> 1 + order.panel().items().size()).sum();
    }

    /** One report: the sample was taken at {@code effective}, the result released at {@code issued}. */
    record ReportOrder(Institution institution, ReportPanel panel, Instant effective, Instant issued) {
    }
}
