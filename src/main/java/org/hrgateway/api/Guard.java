package org.hrgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.fhir.PatientCompartment;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.SearchRow;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import org.hrgateway.security.Access;
import org.hrgateway.security.Access.Reach;
import org.hrgateway.security.Caller;
import org.hrgateway.security.CurrentCaller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.StoredResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edge's checks around an interaction: the type is served (else 404), the caller may (else 403);
 * for reads and searches, what a `patient/` scope reaches (its patient's compartment: a read outside
 * it is 403, a search is narrowed to it), and which included resources the caller may see.
 */
@ApplicationScoped
public class Guard {

    private final ResourceTypes types;
    private final CurrentCaller current;
    private final PatientCompartment compartment;

    public Guard(ResourceTypes types, CurrentCaller current, PatientCompartment compartment,
                 SearchParamRegistry registry) {
        this.types = types;
        this.current = current;
        this.compartment = compartment;
        // A patient/ search not narrowed because the parameter is unknown would fail open.
        for (String type : types.served()) {
            compartment.narrowing(type, "x").map(criterion -> criterion[0]).filter(param -> !param.equals("_id"))
                    .filter(param -> registry.find(type, param).map(SearchParamDef::type)
                            .filter(RestSearchParameterTypeEnum.REFERENCE::equals).isEmpty())
                    .ifPresent(param -> {
                        throw new IllegalStateException("The Patient compartment of " + type + " is narrowed by '"
                                + param + "', which is not a reference search parameter of " + type);
                    });
        }
    }

    /** A read or search as allowed: the served type, who asks, and how far the scopes reach. */
    public record Reading(String type, Caller caller, Reach reach) {
    }

    /** The served type `type` names, once the caller may do `permission` to every resource of it. */
    public String allow(String type, Permission permission) {
        String resourceType = types.require(type);
        Access.require(current.get(), resourceType, permission);
        return resourceType;
    }

    /** For a read or search, which a `patient/` scope allows within its patient's compartment. */
    public Reading allowReading(String type, Permission permission) {
        String resourceType = types.require(type);
        Caller caller = current.get();
        return new Reading(resourceType, caller, Access.reach(caller, resourceType, permission));
    }

    /** For what spans every type (system history): a scope on `*`. */
    public void allowEveryType(Permission permission) {
        Access.require(current.get(), "*", permission);
    }

    public Caller caller() {
        return current.get();
    }

    /** Whether `stored` is within the reading's reach. */
    public boolean visible(Reading reading, StoredResource stored, String baseUrl) {
        return visible(reading.caller(), reading.reach(), stored, baseUrl);
    }

    /** The 403 for a resource outside the reading's reach. */
    public RuntimeException notVisible(Reading reading, StoredResource stored) {
        return Access.forbidden(stored.relativeUrl() + " is not in the compartment of Patient/"
                + reading.caller().patient() + ", which is all the token's patient/ scopes reach");
    }

    /**
     * The search parameters, narrowed to the caller's patient's compartment when that is all it
     * reaches. A `_has` criterion searches another type: it needs a search scope on that type, and is
     * refused to `patient/` scopes, whose narrowing does not reach into it.
     */
    public Map<String, List<String>> narrowed(Reading reading, Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (name.startsWith("_has:")) {
                if (reading.reach() == Reach.PATIENT) {
                    throw Access.forbidden("_has is not available to patient/ scopes");
                }
                String[] parts = name.split(":");
                for (int i = 1; i + 1 < parts.length; i++) {
                    if (parts[i - 1].equals("_has") && types.isServed(parts[i])) {
                        Access.require(reading.caller(), parts[i], Permission.SEARCH);
                    }
                }
            }
        }
        if (reading.reach() == Reach.ALL) {
            return params;
        }
        Optional<String[]> criterion = compartment.narrowing(reading.type(), reading.caller().patient());
        if (criterion.isEmpty()) {
            return params; // no resource of the type is anyone's patient data (Organization, CodeSystem)
        }
        Map<String, List<String>> narrowed = new LinkedHashMap<>(params);
        // Another occurrence of the parameter: FHIR ANDs repeated parameters (search.html#combining).
        List<String> values = new ArrayList<>(narrowed.getOrDefault(criterion.get()[0], List.of()));
        values.add(criterion.get()[1]);
        narrowed.put(criterion.get()[0], values);
        return narrowed;
    }

    /**
     * The page with only the included resources the caller may see: a read or search scope on their
     * type, within the caller's patient's compartment for a `patient/` scope; the others are left out,
     * and a warning says which types were.
     */
    public SearchResult visibleIncludes(Reading reading, SearchResult result, String baseUrl) {
        if (result.included().isEmpty()) {
            return result;
        }
        List<SearchRow> kept = new ArrayList<>(result.included().size());
        Set<String> leftOut = new LinkedHashSet<>();
        for (SearchRow row : result.included()) {
            Optional<Reach> reach = Access.reachForIncluded(reading.caller(), row.stored().type());
            if (reach.isPresent() && visible(reading.caller(), reach.get(), row.stored(), baseUrl)) {
                kept.add(row);
            } else {
                leftOut.add(row.stored().type());
            }
        }
        if (leftOut.isEmpty()) {
            return result;
        }
        return result.withIncluded(kept, (result.included().size() - kept.size()) + " included resource(s) of type "
                + String.join(", ", leftOut) + " were left out: the token's scopes do not allow reading them");
    }

    private boolean visible(Caller caller, Reach reach, StoredResource stored, String baseUrl) {
        return reach == Reach.ALL || !compartment.hasMembers(stored.type())
                || compartment.patients(stored.type(), stored.id(), stored.json(), baseUrl)
                .contains("Patient/" + caller.patient());
    }
}
