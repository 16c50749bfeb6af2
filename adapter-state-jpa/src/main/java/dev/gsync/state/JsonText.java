package dev.gsync.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Try;

/** The JSON mapper for our small stored documents, strict on read. */
final class JsonText {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private JsonText() {
    }

    static String write(Object value) {
        return Try.of(() -> JSON.writeValueAsString(value))
                .getOrElseThrow(e -> new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e));
    }

    static <T> Either<String, T> read(String text, Class<T> type) {
        return Try.of(() -> JSON.readValue(text, type)).toEither().mapLeft(JsonText::firstLine);
    }

    static String writeCounts(SortedMap<String, Integer> counts) {
        return write(counts.toJavaMap());
    }

    static Either<String, SortedMap<String, Integer>> readCounts(String text) {
        return Try.of(() -> JSON.readValue(text, new TypeReference<java.util.Map<String, Integer>>() { }))
                .toEither().mapLeft(JsonText::firstLine)
                .filterOrElse(map -> !map.containsValue(null), map -> "a count is null")
                .map(map -> (SortedMap<String, Integer>) TreeMap.ofAll(map));
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
