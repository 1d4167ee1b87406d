package org.hrgateway.interaction;

import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

import java.util.Set;

/**
 * Implemented by each interaction: what it lets clients do. The CapabilityStatement is assembled
 * from these declarations, so it cannot claim an interaction no class implements.
 */
public interface DeclaresInteractions {

    default Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of();
    }

    default Set<SystemRestfulInteraction> systemInteractions() {
        return Set.of();
    }
}
