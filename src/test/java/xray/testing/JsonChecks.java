package xray.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Properties of xray's JSON documents that hold whatever the input. */
public final class JsonChecks {
    private JsonChecks() {
    }

    /** The keys of an object, in the order the document has them. */
    public static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Every negative number in the document, as "path=value" (xray prints none: sizes, counts, percentages). */
    public static List<String> negativeNumbers(JsonNode doc) {
        List<String> out = new ArrayList<>();
        walk(doc, "", out);
        return out;
    }

    private static void walk(JsonNode n, String at, List<String> negative) {
        if (n.isNumber() && n.asDouble() < 0) {
            negative.add(at + "=" + n);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walk(e.getValue(), at + "." + e.getKey(), negative);
        }
        for (int i = 0; n.isArray() && i < n.size(); i++) {
            walk(n.get(i), at + "[" + i + "]", negative);
        }
    }
}
