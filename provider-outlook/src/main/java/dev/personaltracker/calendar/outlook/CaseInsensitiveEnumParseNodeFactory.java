package dev.personaltracker.calendar.outlook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.microsoft.graph.models.DayOfWeek;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ResponseType;
import com.microsoft.kiota.serialization.JsonParseNode;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.ParseNodeFactory;
import com.microsoft.kiota.serialization.ValuedEnum;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parses Graph JSON like the SDK's own factory, after rewriting the enum values that matter for busy time to the
 * SDK's spelling. Graph documents {@code Declined} and {@code Busy} but sends {@code declined} and {@code busy}
 * (and getSchedule samples show both); the SDK's enum parsers match exactly and turn any other spelling into null,
 * which would silently count a declined meeting as busy.
 */
final class CaseInsensitiveEnumParseNodeFactory implements ParseNodeFactory {

    private static final Map<String, Map<String, String>> FIELDS = Map.of(
            "showAs", spellings(FreeBusyStatus.values()),
            "status", spellings(FreeBusyStatus.values()),
            "response", spellings(ResponseType.values()),
            "daysOfWeek", spellings(DayOfWeek.values()));

    @Override
    public String getValidContentType() {
        return "application/json";
    }

    @Override
    public ParseNode getParseNode(String contentType, InputStream content) {
        Objects.requireNonNull(content, "content");
        JsonElement root = JsonParser.parseReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        if (!root.isJsonObject()) {
            // Every Graph answer this provider reads is a JSON object; the SDK would read an empty body or an array
            // as an object with no values, which looks like an empty answer instead of a broken one.
            throw new JsonParseException("Expected a JSON object but the body was " + (root.isJsonNull() ? "empty"
                    : root.isJsonArray() ? "an array" : "a single value"));
        }
        normalize(root);
        return new JsonParseNode(root);
    }

    private static void normalize(JsonElement element) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(CaseInsensitiveEnumParseNodeFactory::normalize);
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            for (Map.Entry<String, JsonElement> field : object.entrySet()) {
                Map<String, String> spelling = FIELDS.get(field.getKey());
                JsonElement value = field.getValue();
                if (spelling != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                    field.setValue(respell(value.getAsString(), spelling));
                } else if (spelling != null && value.isJsonArray()) {
                    JsonArray fixed = new JsonArray();
                    value.getAsJsonArray().forEach(v -> fixed.add(
                            v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? respell(v.getAsString(), spelling) : v));
                    field.setValue(fixed);
                } else {
                    normalize(value);
                }
            }
        }
    }

    private static JsonPrimitive respell(String raw, Map<String, String> spelling) {
        return new JsonPrimitive(spelling.getOrDefault(raw.toLowerCase(Locale.ROOT), raw));
    }

    private static Map<String, String> spellings(ValuedEnum[] values) {
        Map<String, String> map = new TreeMap<>();
        for (ValuedEnum v : values) {
            map.put(v.getValue().toLowerCase(Locale.ROOT), v.getValue());
        }
        return Map.copyOf(map);
    }
}
