package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one call answers: status, headers and a body (JSON or empty). */
final class ApiResponse {
    static final String JSON_TYPE = "application/json; charset=UTF-8";

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;

    private ApiResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static ApiResponse json(int status, JsonNode node) {
        return new ApiResponse(status, Json.write(node).getBytes(StandardCharsets.UTF_8)).header("Content-Type", JSON_TYPE);
    }

    static ApiResponse ok(JsonNode node) { return json(200, node); }

    static ApiResponse raw(int status, byte[] body) { return new ApiResponse(status, body); }

    static ApiResponse empty(int status) { return new ApiResponse(status, new byte[0]); }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
