package org.hrgateway.capability;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI description of what the gateway serves, written from its CapabilityStatement, the one
 * source of truth for types, interactions, search parameters and operations: a type, an interaction
 * or a search parameter appears here exactly when `[base]/metadata` declares it. Pure: no server.
 */
public final class OpenApiDescription {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String BEARER = "bearer";

    private OpenApiDescription() {
    }

    /** Replaces `openApi`'s paths with those of `statement`, served under `basePath` (`/fhir`). */
    public static OpenAPI describe(OpenAPI openApi, CapabilityStatement statement, String basePath) {
        openApi.info(OASFactory.createInfo().title("HR Gateway FHIR API").version(statement.getSoftware().getVersion())
                .description("FHIR R4 " + statement.getFhirVersion().toCode() + ". Written from the gateway's"
                        + " CapabilityStatement (" + basePath + "/metadata), which stays the authority; every"
                        + " request carries a SMART bearer token (" + basePath + "/.well-known/smart-configuration)."));
        openApi.components(OASFactory.createComponents()
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                        .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT"))
                .addSchema("Resource", resourceSchema(null))
                .addSchema("Bundle", resourceSchema("Bundle"))
                .addSchema("OperationOutcome", resourceSchema("OperationOutcome")));
        openApi.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        Map<String, PathItem> items = new TreeMap<>();
        items.put(basePath + "/metadata", OASFactory.createPathItem().GET(operation("capabilities", "The CapabilityStatement",
                "CapabilityStatement", "Resource")));
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            system(items, basePath, rest);
            for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                openApi.getComponents().addSchema(resource.getType(), resourceSchema(resource.getType()));
                type(items, basePath, resource);
            }
        }
        Paths paths = OASFactory.createPaths();
        items.forEach(paths::addPathItem);
        openApi.paths(paths);
        return openApi;
    }

    private static void system(Map<String, PathItem> items, String base, CapabilityStatementRestComponent rest) {
        Set<String> codes = new java.util.HashSet<>();
        for (SystemInteractionComponent interaction : rest.getInteraction()) {
            codes.add(interaction.getCode().toCode());
        }
        if (codes.contains("transaction") || codes.contains("batch")) {
            item(items, base).POST(operation("transaction", "A transaction or batch Bundle", "system", "Bundle")
                    .requestBody(body("Bundle")));
        }
        if (codes.contains("history-system")) {
            item(items, base + "/_history").GET(operation("history-system", "Changes to every resource", "system", "Bundle")
                    .addParameter(query("_count", "integer")).addParameter(query("_since", "string")));
        }
        if (codes.contains("search-system")) {
            item(items, base).GET(operation("search-system", "Search every type", "system", "Bundle"));
        }
        for (CapabilityStatementRestResourceOperationComponent op : rest.getOperation()) {
            item(items, base + "/$" + op.getName()).POST(operation("$" + op.getName(), definitionOf(op), "system", "Resource")
                    .requestBody(body("Resource")));
        }
    }

    private static void type(Map<String, PathItem> items, String base, CapabilityStatementRestResourceComponent resource) {
        String type = resource.getType();
        String typePath = base + "/" + type;
        String instancePath = typePath + "/{id}";
        Set<TypeRestfulInteraction> interactions = EnumSet.noneOf(TypeRestfulInteraction.class);
        for (ResourceInteractionComponent interaction : resource.getInteraction()) {
            interactions.add(interaction.getCode());
        }
        if (interactions.contains(TypeRestfulInteraction.SEARCHTYPE)) {
            Operation search = operation("search-type", "Search " + type, type, "Bundle");
            Operation post = operation("search-type", "Search " + type + " with the parameters as a form", type, "Bundle");
            for (CapabilityStatementRestResourceSearchParamComponent param : resource.getSearchParam()) {
                search.addParameter(query(param.getName(), "string").description(param.getType().toCode()
                        + (param.hasDocumentation() ? ": " + param.getDocumentation() : "")
                        + (param.hasDefinition() ? " (" + param.getDefinition() + ")" : "")));
            }
            item(items, typePath).GET(search);
            item(items, typePath + "/_search").POST(post.requestBody(OASFactory.createRequestBody().content(
                    OASFactory.createContent().addMediaType("application/x-www-form-urlencoded",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)))))));
        }
        if (interactions.contains(TypeRestfulInteraction.CREATE)) {
            item(items, typePath).POST(operation("create", "Create a " + type + " (conditional with If-None-Exist)", type, type)
                    .requestBody(body(type)));
        }
        if (interactions.contains(TypeRestfulInteraction.READ)) {
            item(items, instancePath).GET(operation("read", "Read a " + type, type, type).addParameter(id("id")));
        }
        if (interactions.contains(TypeRestfulInteraction.UPDATE)) {
            item(items, instancePath).PUT(operation("update", "Update (or create) a " + type + " (If-Match for a version-aware update)",
                    type, type).addParameter(id("id")).requestBody(body(type)));
        }
        if (interactions.contains(TypeRestfulInteraction.DELETE)) {
            item(items, instancePath).DELETE(operation("delete", "Delete a " + type, type, "OperationOutcome").addParameter(id("id")));
        }
        if (interactions.contains(TypeRestfulInteraction.HISTORYINSTANCE)) {
            item(items, instancePath + "/_history").GET(operation("history-instance", "A " + type + "'s versions", type, "Bundle")
                    .addParameter(id("id")));
        }
        if (interactions.contains(TypeRestfulInteraction.HISTORYTYPE)) {
            item(items, typePath + "/_history").GET(operation("history-type", "Changes to every " + type, type, "Bundle"));
        }
        if (interactions.contains(TypeRestfulInteraction.VREAD)) {
            item(items, instancePath + "/_history/{vid}").GET(operation("vread", "One version of a " + type, type, type)
                    .addParameter(id("id")).addParameter(id("vid")));
        }
        for (CapabilityStatementRestResourceOperationComponent op : resource.getOperation()) {
            Operation atType = operation("$" + op.getName(), definitionOf(op), type, "Resource").requestBody(body("Resource"));
            item(items, typePath + "/$" + op.getName()).POST(atType);
            Operation atInstance = operation("$" + op.getName(), definitionOf(op), type, "Resource")
                    .addParameter(id("id")).requestBody(body("Resource"));
            item(items, instancePath + "/$" + op.getName()).POST(atInstance);
        }
    }

    private static PathItem item(Map<String, PathItem> items, String path) {
        return items.computeIfAbsent(path, key -> OASFactory.createPathItem());
    }

    private static Operation operation(String interaction, String summary, String tag, String answers) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK").content(content(answers)))
                .addAPIResponse("4XX", OASFactory.createAPIResponse().description("Refused, with the reason")
                        .content(content("OperationOutcome")))
                .addAPIResponse("5XX", OASFactory.createAPIResponse().description("Not served now, with the reason")
                        .content(content("OperationOutcome")));
        return OASFactory.createOperation().summary(summary).addTag(tag)
                .operationId(tag + "-" + interaction + "-" + Integer.toHexString(summary.hashCode()))
                .addExtension("x-fhir-interaction", interaction).responses(responses);
    }

    private static Content content(String schema) {
        return OASFactory.createContent().addMediaType(FHIR_JSON, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema)));
    }

    private static org.eclipse.microprofile.openapi.models.parameters.RequestBody body(String schema) {
        return OASFactory.createRequestBody().required(true).content(content(schema));
    }

    private static Parameter query(String name, String type) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.valueOf(type.toUpperCase(java.util.Locale.ROOT)))));
    }

    private static Parameter id(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("^[A-Za-z0-9\\-.]{1,64}$"));
    }

    private static String definitionOf(CapabilityStatementRestResourceOperationComponent op) {
        return "Operation $" + op.getName() + " (" + op.getDefinition() + ")";
    }

    /** A FHIR resource in JSON: its type named; the profile, not this schema, says the rest. */
    private static Schema resourceSchema(String type) {
        Schema resourceType = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        if (type != null) {
            resourceType.enumeration(List.of(type));
        }
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).addRequired("resourceType")
                .addProperty("resourceType", resourceType).additionalPropertiesSchema(OASFactory.createSchema());
    }
}
