package org.hrgateway.capability;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.FhirFormat;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.interaction.DeclaresInteractions;
import org.hrgateway.operation.Operations;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;

import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Generates the CapabilityStatement from the served types, the interactions and the search registry. */
@ApplicationScoped
public class CapabilityStatementFactory {

    private final ResourceTypes types;
    private final SearchParamRegistry searchParams;
    private final List<DeclaresInteractions> interactions;
    private final String version;
    private final Operations operations;
    private final ProfilePackage profiles;
    private final Date started = new Date();

    public CapabilityStatementFactory(ResourceTypes types, SearchParamRegistry searchParams,
                                      @All List<DeclaresInteractions> interactions,
                                      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
                                      String version, Operations operations, ProfilePackage profiles) {
        this.operations = operations;
        this.profiles = profiles;
        this.types = types;
        this.searchParams = searchParams;
        this.interactions = interactions;
        this.version = version;
    }

    public CapabilityStatement build(String baseUrl) {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(started)
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.getSoftware().setName("HR Gateway").setVersion(version);
        statement.getImplementation().setDescription("HR Gateway").setUrl(baseUrl);
        for (FhirFormat format : FhirFormat.values()) {
            statement.addFormat(format.mediaType());
        }
        CapabilityStatementRestComponent rest = statement.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        Set<TypeRestfulInteraction> typeInteractions = EnumSet.noneOf(TypeRestfulInteraction.class);
        Set<SystemRestfulInteraction> systemInteractions = EnumSet.noneOf(SystemRestfulInteraction.class);
        interactions.forEach(declared -> {
            typeInteractions.addAll(declared.typeInteractions());
            systemInteractions.addAll(declared.systemInteractions());
        });
        systemInteractions.forEach(code -> rest.addInteraction().setCode(code));
        operations.all().stream()
                .filter(operation -> operation.answers(null, false))
                .forEach(operation -> rest.addOperation().setName(operation.name()).setDefinition(operation.url()));
        for (String type : types.served()) {
            rest.addResource(resource(type, typeInteractions));
        }
        return statement;
    }

    /**
     * The province base's statement (`[base]/province/metadata`): read-only, search on `types` only,
     * with the same search parameters as this gateway's own base, and `target-city`.
     */
    public CapabilityStatement buildProvince(String provinceBase, List<String> types) {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(started)
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.getSoftware().setName("HR Gateway").setVersion(version);
        statement.getImplementation().setUrl(provinceBase).setDescription("HR Gateway, the province: searches this"
                + " city's results and its peer cities' together, and reads what one city holds (read-only)");
        for (FhirFormat format : FhirFormat.values()) {
            statement.addFormat(format.mediaType());
        }
        CapabilityStatementRestComponent rest = statement.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER)
                .setDocumentation("Each entry's fullUrl is its absolute URL at the city that holds it, and its"
                        + " meta.source that city's base. A city that could not answer is named in an"
                        + " OperationOutcome entry (search.mode = outcome); Bundle.total is then left out.");
        for (String type : types) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.READ)
                    .setDocumentation("With target-city naming the one city that holds it, read through this gateway");
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            addSearchParams(resource, type);
            resource.addSearchParam().setName("target-city").setType(Enumerations.SearchParamType.TOKEN)
                    .setDocumentation("Which cities to ask: `all`, or city codes separated by commas;"
                            + " by default every configured city");
        }
        return statement;
    }

    private CapabilityStatementRestResourceComponent resource(String type, Set<TypeRestfulInteraction> interactions) {
        CapabilityStatementRestResourceComponent resource = new CapabilityStatementRestResourceComponent()
                .setType(type)
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE)
                .setReadHistory(true)
                .setUpdateCreate(interactions.contains(TypeRestfulInteraction.UPDATE))
                .setConditionalCreate(interactions.contains(TypeRestfulInteraction.CREATE))
                .setConditionalUpdate(interactions.contains(TypeRestfulInteraction.UPDATE))
                .setConditionalDelete(interactions.contains(TypeRestfulInteraction.DELETE)
                        ? CapabilityStatement.ConditionalDeleteStatus.SINGLE
                        : CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
        interactions.stream().sorted().forEach(code -> resource.addInteraction().setCode(code));
        addSearchParams(resource, type);
        operations.all().stream()
                .filter(operation -> operation.answers(type, false) || operation.answers(type, true))
                .forEach(operation -> resource.addOperation().setName(operation.name()).setDefinition(operation.url()));
        profiles.profilesFor(type).forEach(resource::addSupportedProfile);
        return resource;
    }

    /** `_id`, `_lastUpdated` and every search parameter of the registry for `type`. */
    private void addSearchParams(CapabilityStatementRestResourceComponent resource, String type) {
        // Answered from the resource row itself rather than from index rows, so not in the registry.
        resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Resource-id");
        resource.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Resource-lastUpdated");
        searchParamsOf(type).forEach(param -> resource.addSearchParam()
                .setName(param.code())
                .setType(Enumerations.SearchParamType.fromCode(param.type().getCode()))
                .setDefinition(param.definitionUrl())
                .setDocumentation(param.description()));
    }

    private List<SearchParamDef> searchParamsOf(String type) {
        List<SearchParamDef> params = new java.util.ArrayList<>();
        searchParams.forType(type).forEach(params::add);
        params.sort(Comparator.comparing(SearchParamDef::code));
        return params;
    }
}
