package org.hrgateway.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import org.hrgateway.search.param.SearchParamDef;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The owner parameters an operator configures must be able to name an owner, or the gateway does not start. */
class InstitutionOwnersTest {

    private static Optional<SearchParamDef> lookup(String type, String code) {
        RestSearchParameterTypeEnum kind = switch (code) {
            case "performer", "organization" -> RestSearchParameterTypeEnum.REFERENCE;
            case "code" -> RestSearchParameterTypeEnum.TOKEN;
            default -> null;
        };
        return kind == null ? Optional.empty()
                : Optional.of(new SearchParamDef(type, code, kind, null, null, Set.of(), List.of(), null));
    }

    @Test
    void givenReferenceParametersAndAnOrganizationsId_whenChecked_thenNothingIsWrong() {
        assertEquals(List.of(), InstitutionOwners.misconfigured(Map.of("Observation", "performer",
                "PractitionerRole", "organization", "Organization", "_id"), InstitutionOwnersTest::lookup));
    }

    @Test
    void givenATokenAnUnknownOrAnIdParameter_whenChecked_thenEachIsNamed() {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put("Observation", "code");
        owners.put("Specimen", "collecter");
        owners.put("Patient", "_id");
        assertEquals(List.of("Observation=code: not a reference search parameter of Observation",
                        "Specimen=collecter: not a reference search parameter of Specimen",
                        "Patient=_id: only an Organization is its own owner"),
                InstitutionOwners.misconfigured(owners, InstitutionOwnersTest::lookup));
    }
}
