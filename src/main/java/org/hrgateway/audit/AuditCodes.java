package org.hrgateway.audit;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/** The code systems and codings every AuditEvent the gateway writes uses, in one place. */
public final class AuditCodes {

    public static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public static final String INTERACTIONS = "http://hl7.org/fhir/restful-interaction";
    public static final String OBJECT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public static final String OBJECT_ROLES = "http://terminology.hl7.org/CodeSystem/object-role";
    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String SECURITY_ROLES = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    public static final String ROLE_CLASSES = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    public static final String SOURCE_TYPES = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** The object role of a query entity. */
    public static final String QUERY_ROLE = "24";
    /** IHE BALP's entity types; `XrequestId` marks the entity holding the request's X-Request-Id. */
    public static final String BALP_ENTITY_TYPES = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    public static final String REQUEST_ID = "XrequestId";

    private AuditCodes() {
    }

    /** A RESTful operation (audit-event-type `rest`). */
    public static Coding rest() {
        return new Coding(EVENT_TYPES, "rest", "Restful Operation");
    }

    /** The entity that says whose data the event is about (BALP: a Person in the role Patient). */
    public static AuditEvent.AuditEventEntityComponent addPatient(AuditEvent event, String patient) {
        return event.addEntity().setWhat(new Reference(patient))
                .setType(new Coding(OBJECT_TYPES, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLES, "1", "Patient"));
    }

    /** An entity that is a system object in `role` (`4` domain resource, `24` query). */
    public static AuditEvent.AuditEventEntityComponent addObject(AuditEvent event, String role, String roleDisplay) {
        return event.addEntity().setType(new Coding(OBJECT_TYPES, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLES, role, roleDisplay));
    }
}
