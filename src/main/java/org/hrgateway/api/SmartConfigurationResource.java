package org.hrgateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.security.Permission;

/**
 * SMART discovery (https://hl7.org/fhir/smart-app-launch/conformance.html): where a client gets a
 * token (the identity provider's endpoints, from configuration) and which scopes mean something here.
 */
@Path("/.well-known/smart-configuration")
@OpenEndpoint
public class SmartConfigurationResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig.Security security;
    private final ResourceTypes types;

    public SmartConfigurationResource(GatewayConfig config, ResourceTypes types) {
        this.security = config.security();
        this.types = types;
    }

    @GET
    public Response configuration() {
        ObjectNode body = JSON.createObjectNode();
        security.trustedIssuers().filter(issuers -> !issuers.isEmpty())
                .ifPresent(issuers -> body.put("issuer", issuers.get(0)));
        security.authorizationEndpoint().ifPresent(endpoint -> body.put("authorization_endpoint", endpoint));
        security.tokenEndpoint().ifPresent(endpoint -> body.put("token_endpoint", endpoint));
        body.putArray("grant_types_supported").add("authorization_code").add("client_credentials");
        body.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt");
        body.putArray("code_challenge_methods_supported").add("S256");
        body.putArray("capabilities").add("launch-standalone").add("client-public").add("client-confidential-asymmetric")
                .add("context-standalone-patient").add("permission-patient").add("permission-user")
                .add("permission-v1").add("permission-v2");
        ArrayNode scopes = body.putArray("scopes_supported");
        String all = Permission.all().stream().map(permission -> String.valueOf(permission.letter()))
                .reduce("", String::concat);
        for (String context : new String[]{"patient", "user", "system"}) {
            scopes.add(context + "/*." + all);
            scopes.add(context + "/*.rs");
            types.served().forEach(type -> scopes.add(context + "/" + type + ".rs"));
        }
        return Response.ok(body.toString()).type("application/json").build();
    }
}
