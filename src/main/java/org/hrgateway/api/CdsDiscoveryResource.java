package org.hrgateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.hrgateway.cds.CdsServices;

/**
 * CDS Hooks discovery, `GET [base]/cds-services`: which services there are, the hooks they answer and
 * what they prefetch. Like the CapabilityStatement, it says nothing about anyone: no token needed.
 */
@OpenEndpoint
@Path("cds-services")
public class CdsDiscoveryResource {

    private final CdsServices services;

    public CdsDiscoveryResource(CdsServices services) {
        this.services = services;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String discovery() {
        return services.discovery().toString();
    }
}
