package dev.gsync.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One API call, whether it came as its own HTTP request or as a part of a batch. The Java client's
 * transport tricks are undone here: gzip bodies, X-HTTP-Method-Override (PATCH, and GET-as-POST with the
 * query in a form body).
 */
final class ApiRequest {
    final String method;
    final String path;
    final Map<String, List<String>> query;
    final Map<String, String> headers;
    final byte[] body;

    private ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
    }

    static ApiRequest of(String method, String path, String rawQuery, Map<String, String> rawHeaders, byte[] rawBody) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(rawHeaders);
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        String encoding = headers.get("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 0) {
            body = gunzip(body);
        }
        Map<String, List<String>> query = parseForm(rawQuery);
        String effective = method.toUpperCase(Locale.ROOT);
        String override = headers.get("X-HTTP-Method-Override");
        if (override != null) {
            effective = override.toUpperCase(Locale.ROOT);
            String type = headers.getOrDefault("Content-Type", "");
            if (effective.equals("GET") && type.startsWith("application/x-www-form-urlencoded")) {
                parseForm(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> query.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                body = new byte[0];
            }
        }
        return new ApiRequest(effective, path, query, headers, body);
    }

    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return result;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String text) { return URLDecoder.decode(text, StandardCharsets.UTF_8); }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("request body says gzip but is not", e);
        }
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> params(String name) { return query.getOrDefault(name, List.of()); }

    boolean has(String name) { return query.containsKey(name); }

    boolean flag(String name, boolean fallback) {
        String value = param(name);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    Integer intParam(String name) {
        String value = param(name);
        if (value == null) return null;
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw GoogleError.invalidParameter(name, "Invalid value '" + value + "'. Values must match the following regular expression: '[0-9]+'");
        }
    }

    String header(String name) { return headers.get(name); }

    String bearerToken() {
        String auth = headers.get("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        String token = param("access_token");
        return token != null ? token : param("oauth_token");
    }
}
