package org.hrgateway.tools.demo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.tools.demo.Province.Institution;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An institution as a FHIR Organization, and how other resources point at it. Organizations are
 * created conditionally and referenced by identifier, so a reload or a second patient bundle never
 * duplicates them and patient bundles need not know server-assigned ids.
 */
final class OrganizationResources {

    private OrganizationResources() {
    }

    /** A transaction that creates the institution's Organization unless one with its code exists. */
    static Bundle transaction(Institution institution, String provinceName) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        // Name-based, so the fullUrl is the same for every seed: the institutions do not depend on it.
        String fullUrl = "urn:uuid:"
                + UUID.nameUUIDFromBytes(("organization|" + institution.code()).getBytes(StandardCharsets.UTF_8));
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(organization(institution, provinceName))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Organization")
                .setIfNoneExist("identifier=" + DemoUris.INSTITUTION_CODE + "|" + institution.code());
        return bundle;
    }

    /** A conditional reference; the server resolves it to the Organization's id inside a transaction. */
    static Reference reference(Institution institution) {
        return new Reference("Organization?identifier=" + DemoUris.INSTITUTION_CODE + "|" + institution.code())
                .setDisplay(institution.name());
    }

    private static Organization organization(Institution institution, String provinceName) {
        Organization organization = new Organization();
        organization.setActive(true);
        organization.addIdentifier()
                .setSystem(DemoUris.INSTITUTION_CODE)
                .setValue(institution.code());
        organization.setName(institution.name());
        organization.addExtension(new Extension(DemoUris.HOSPITAL_LEVEL_EXTENSION,
                new Coding(DemoUris.MR_HOSPITAL_LEVEL, institution.level(), null)));
        // Certified from two years before the load (every demo result was issued within it) to as
        // long after it as the province's data says.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String category : institution.eqaCategories()) {
            Extension certification = new Extension(DemoUris.EQA_CERTIFICATION);
            certification.addExtension("category", new Coding(DemoUris.MR_CATEGORY, category, null));
            certification.addExtension("period", new Period()
                    .setStartElement(new DateTimeType(today.minusYears(2).toString()))
                    .setEndElement(new DateTimeType(today.plusDays(institution.eqaEndsInDays()).toString())));
            organization.addExtension(certification);
        }
        organization.addAddress()
                .setCity(institution.city())
                .setState(provinceName)
                .setCountry("CN");
        return organization;
    }
}
