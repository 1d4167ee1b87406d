package org.hrgateway.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition.ChildTypeEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.io.IOException;

/**
 * Checks that a JSON body writes each element as its cardinality says (json.html): an element that
 * repeats is an array (`"given":["Wei"]`), one that does not is not. HAPI's parser takes
 * `"given":"Wei"` as a list of one, so a malformed body was stored as if it had been well formed.
 * One streaming pass over the element definitions of HAPI's context; what it does not know (a
 * primitive's `_element`, an unknown name, a resource whose `resourceType` is not its first
 * member) is left to the parser.
 */
final class JsonShape {

    private final FhirContext context;
    private final JsonFactory factory = new JsonFactory();

    JsonShape(FhirContext context) {
        this.context = context;
    }

    void check(String body) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                resource(parser, "");
            }
        } catch (IOException e) {
            // PayloadInspector has read this body already; nothing new to say about its syntax.
        }
    }

    /** At a resource's START_OBJECT; consumes it. */
    private void resource(JsonParser parser, String path) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME || !"resourceType".equals(parser.currentName())
                || parser.nextToken() != JsonToken.VALUE_STRING) {
            skipRest(parser);
            return;
        }
        String type = parser.getText();
        BaseRuntimeElementCompositeDefinition<?> definition;
        try {
            definition = context.getResourceDefinition(type);
        } catch (DataFormatException e) {
            skipRest(parser);
            return;
        }
        members(parser, definition, path.isEmpty() ? type : path);
    }

    /** Inside an object, after its opening or its first members; consumes up to its END_OBJECT. */
    private void members(JsonParser parser, BaseRuntimeElementCompositeDefinition<?> definition, String path)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            BaseRuntimeChildDefinition child = name.startsWith("_") ? null : definition.getChildByName(name);
            if (child == null) {
                parser.skipChildren();
                continue;
            }
            String where = path + "." + name;
            boolean repeats = child.getMax() != 1;
            if (value == JsonToken.START_ARRAY) {
                if (!repeats) {
                    throw shape(where + " is a single element: write it without [ ]");
                }
                int index = 0;
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    value(parser, item, child, name, where + "[" + index++ + "]");
                }
            } else {
                if (repeats) {
                    throw shape(where + " repeats: write it as an array, [ ... ], even with one element");
                }
                value(parser, value, child, name, where);
            }
        }
    }

    private void value(JsonParser parser, JsonToken token, BaseRuntimeChildDefinition child, String name, String where)
            throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        BaseRuntimeElementDefinition<?> element = child.getChildByName(name);
        ChildTypeEnum kind = element == null ? null : element.getChildType();
        if (kind == ChildTypeEnum.RESOURCE || kind == ChildTypeEnum.CONTAINED_RESOURCES
                || kind == ChildTypeEnum.CONTAINED_RESOURCE_LIST) {
            resource(parser, where);
        } else if (element instanceof BaseRuntimeElementCompositeDefinition<?> composite
                && kind != ChildTypeEnum.UNDECL_EXT && kind != ChildTypeEnum.EXTENSION_DECLARED) {
            members(parser, composite, where);
        } else {
            parser.skipChildren();
        }
    }

    /** Skips the rest of the object whose members are being read. */
    private static void skipRest(JsonParser parser) throws IOException {
        JsonToken current = parser.currentToken();
        if (current == JsonToken.END_OBJECT) {
            return;
        }
        if (current == JsonToken.START_OBJECT || current == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
    }

    private static InvalidRequestException shape(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.STRUCTURE, message));
    }
}
