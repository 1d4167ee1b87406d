package org.hrgateway.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildPrimitiveEnumerationDatatypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A native image knows only the reflection it was told of, and HAPI's FhirContext scans its model
 * classes reflectively (fields, constructors, `@Child` annotations, enum factories). The service
 * registers exactly the classes reachable from the resource types it serves and answers with, in
 * {@value #CONFIG}: this test holds that file to what HAPI's own model says those types reach. After
 * a change of `hr.resource-types` or of HAPI, write it again with
 * `./mvnw test -Dtest=NativeReflectionTest -Dhr.native.write-reflection=true` and review the diff.
 */
class NativeReflectionTest {

    static final String CONFIG = "src/main/resources/META-INF/native-image/org.hrgateway/hr-gateway/reflect-config.json";
    /** What the gateway answers with besides the types it stores: searchsets, outcomes, operation results. */
    private static final List<String> ANSWERED = List.of("Bundle", "OperationOutcome", "Parameters",
            "CapabilityStatement", "MeasureReport");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTheServedTypes_whenHapisModelIsWalked_thenTheRegisteredReflectionIsExactlyWhatTheyReach() throws IOException {
        Set<String> reached = reachable(roots());
        Path config = Path.of(CONFIG);
        if (Boolean.getBoolean("hr.native.write-reflection")) {
            write(config, reached);
        }
        assertTrue(Files.exists(config), CONFIG + " is missing: write it with -Dhr.native.write-reflection=true");
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : JSON.readTree(config.toFile())) {
            registered.add(entry.path("name").asText());
            assertTrue(entry.path("allDeclaredFields").asBoolean() && entry.path("allDeclaredConstructors").asBoolean()
                    && entry.path("allDeclaredMethods").asBoolean(), entry + ": HAPI reads fields, constructors and accessors");
        }
        assertEquals(reached, registered, "the registration differs from what the served types reach;"
                + " write it again with -Dhr.native.write-reflection=true and review the diff");
    }

    @Test
    void givenTheWalk_whenItStartsFromObservation_thenItReachesItsDatatypesComponentsAndEnumFactories() {
        Set<String> reached = reachable(List.of("Observation"));
        for (String expected : List.of("org.hl7.fhir.r4.model.Observation", "org.hl7.fhir.r4.model.Quantity",
                "org.hl7.fhir.r4.model.Observation$ObservationReferenceRangeComponent",
                "org.hl7.fhir.r4.model.Observation$ObservationStatus",
                "org.hl7.fhir.r4.model.Observation$ObservationStatusEnumFactory", "org.hl7.fhir.r4.model.Extension")) {
            assertTrue(reached.contains(expected), expected);
        }
        assertTrue(reached.stream().noneMatch(name -> name.equals("org.hl7.fhir.r4.model.Claim")), "nothing unreachable");
    }

    /** The served types (application.properties, hr.resource-types) and those answered with. */
    static List<String> roots() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<String> roots = new ArrayList<>(Arrays.stream(properties.getProperty("hr.resource-types").split(","))
                .map(String::strip).filter(type -> !type.isEmpty()).toList());
        roots.addAll(ANSWERED);
        return roots;
    }

    /** Every model class HAPI's definitions of `types` reach: elements, their components, enums and enum factories. */
    static Set<String> reachable(List<String> types) {
        FhirContext context = FhirContext.forR4Cached();
        Set<String> reached = new TreeSet<>();
        Deque<BaseRuntimeElementDefinition<?>> todo = new ArrayDeque<>();
        types.forEach(type -> todo.add(context.getResourceDefinition(type)));
        while (!todo.isEmpty()) {
            BaseRuntimeElementDefinition<?> definition = todo.pop();
            if (!reached.add(definition.getImplementingClass().getName())) {
                continue;
            }
            if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                for (BaseRuntimeChildDefinition child : composite.getChildrenAndExtension()) {
                    if (child instanceof ca.uhn.fhir.context.RuntimeChildUndeclaredExtensionDefinition
                            || child instanceof ca.uhn.fhir.context.RuntimeChildExtension) {
                        // (modifier)extension: its names list every datatype a value may take, some
                        // of which HAPI does not resolve by name; Extension's value[x] reaches them.
                        todo.add(context.getElementDefinition(org.hl7.fhir.r4.model.Extension.class));
                        continue;
                    }
                    for (String name : child.getValidChildNames()) {
                        BaseRuntimeElementDefinition<?> element = child.getChildByName(name);
                        if (element != null) {
                            todo.add(element);
                        }
                    }
                    if (child instanceof RuntimeChildPrimitiveEnumerationDatatypeDefinition enumerated
                            && enumerated.getBoundEnumType() != null) {
                        Class<?> bound = enumerated.getBoundEnumType();
                        reached.add(bound.getName());
                        enumFactory(bound).ifPresent(reached::add);
                    }
                }
            }
        }
        return reached;
    }

    /** HAPI instantiates `<Enum>EnumFactory` beside an enum by name. */
    private static java.util.Optional<String> enumFactory(Class<?> bound) {
        String name = bound.getName() + "EnumFactory";
        try {
            Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
            return java.util.Optional.of(name);
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    private static void write(Path config, Set<String> classes) throws IOException {
        ArrayNode entries = JSON.createArrayNode();
        for (String name : classes) {
            entries.addObject().put("name", name).put("allDeclaredConstructors", true)
                    .put("allDeclaredFields", true).put("allDeclaredMethods", true);
        }
        Files.createDirectories(config.getParent());
        Files.writeString(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entries) + "\n");
    }
}
