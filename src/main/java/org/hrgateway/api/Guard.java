package org.hrgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.CurrentCaller;
import org.hrgateway.security.Permission;

/** The edge's check before an interaction: the type is served (else 404), the caller may (else 403). */
@ApplicationScoped
public class Guard {

    private final ResourceTypes types;
    private final CurrentCaller current;

    public Guard(ResourceTypes types, CurrentCaller current) {
        this.types = types;
        this.current = current;
    }

    /** The served type `type` names, once the caller may do `permission` to it. */
    public String allow(String type, Permission permission) {
        String resourceType = types.require(type);
        Access.require(current.get(), resourceType, permission);
        return resourceType;
    }

    /** For what spans every type (system history): a scope on `*`. */
    public void allowEveryType(Permission permission) {
        Access.require(current.get(), "*", permission);
    }

    public Caller caller() {
        return current.get();
    }
}
