package dev.gsync.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Jackson in one place: resources are kept as JSON trees, exactly as they go over the wire. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() { return MAPPER.createObjectNode(); }

    static ArrayNode array() { return MAPPER.createArrayNode(); }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request body as a JSON object, or 400 parseError as Google answers malformed bodies. */
    static ObjectNode parseObject(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return object();
        return parseObject(text);
    }

    static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object) return object;
        } catch (JsonProcessingException e) {
            // fall through
        }
        throw new GoogleError(400, "global", "parseError", "Parse Error", null, null);
    }

    /** RFC 7396 merge patch: objects merge, arrays and scalars replace, null clears. */
    static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, (ObjectNode) value);
            } else {
                target.set(field.getKey(), removeNulls(value.deepCopy()));
            }
        }
    }

    private static JsonNode removeNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getValue().isNull());
            object.forEach(Json::removeNulls);
        } else if (node instanceof ArrayNode array) {
            array.forEach(Json::removeNulls);
        }
        return node;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
