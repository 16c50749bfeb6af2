package dev.gsync.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch endpoint: a multipart/mixed body whose parts are whole HTTP requests (with absolute URLs, as the
 * Java client's BatchRequest writes them). Each part runs through the gateway as its own call, so it is
 * authenticated, counted and charged on its own; the answer lists the parts' responses in request order.
 * Multipart framing has no ready parser for "application/http" parts in our stack, hence this small one.
 */
final class BatchHandler {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private final ApiGateway gateway;
    private final EmulatorSettings settings;

    BatchHandler(ApiGateway gateway, EmulatorSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    /** The parts of a batch request as calls; a malformed or oversized batch is a GoogleError (400). */
    List<ApiRequest> parts(ApiRequest outer) {
        Matcher m = BOUNDARY.matcher(outer.headers.getOrDefault("Content-Type", ""));
        if (!outer.headers.getOrDefault("Content-Type", "").startsWith("multipart/mixed") || !m.find()) {
            throw GoogleError.badRequest("Batch requests must be multipart/mixed with a boundary.");
        }
        List<String> parts = split(new String(outer.body, StandardCharsets.ISO_8859_1), m.group(1));
        if (parts.isEmpty()) throw GoogleError.badRequest("Batch request contains no parts.");
        if (parts.size() > settings.batchLimit()) {
            throw GoogleError.badRequest("Too many requests in batch: " + parts.size() + " (maximum " + settings.batchLimit() + ").");
        }
        List<ApiRequest> calls = new ArrayList<>();
        for (String part : parts) calls.add(innerRequest(part, outer));
        return calls;
    }

    /** Runs every part through the gateway, in order, and answers them in one multipart response. */
    ApiResponse run(List<ApiRequest> calls) {
        List<ApiResponse> answers = new ArrayList<>();
        for (ApiRequest call : calls) answers.add(gateway.call(call));
        return render(answers);
    }

    ApiResponse handle(ApiRequest outer) {
        try {
            return run(parts(outer));
        } catch (GoogleError error) {
            return error.toResponse();
        }
    }

    /** The parts between "--boundary" lines, without their trailing line break. */
    private static List<String> split(String body, String boundary) {
        String delimiter = "--" + boundary;
        List<String> parts = new ArrayList<>();
        int at = body.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (body.startsWith("--", start)) break;
            int next = body.indexOf("\n" + delimiter, start);
            if (next < 0) break;
            String part = body.substring(start, next);
            parts.add(stripLineBreaks(part));
            at = next + 1;
        }
        return parts;
    }

    private static String stripLineBreaks(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == '\r' || text.charAt(from) == '\n')) from++;
        if (to > from && text.charAt(to - 1) == '\r') to--;
        return text.substring(from, to);
    }

    /** A part: its own MIME headers, a blank line, then "METHOD url HTTP/1.1", headers, blank line, body. */
    private static ApiRequest innerRequest(String part, ApiRequest outer) {
        String http = afterBlankLine(part);
        int headEnd = blankLine(http);
        String head = headEnd < 0 ? http : http.substring(0, headEnd);
        String body = headEnd < 0 ? "" : http.substring(headEnd).replaceFirst("^\r?\n\r?\n", "");
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].trim().split(" ");
        if (requestLine.length < 2) throw GoogleError.badRequest("Malformed batch part: no request line.");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        // outer headers apply to every part that does not set its own (Content-* excepted)
        outer.headers.forEach((name, value) -> {
            boolean own = headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
            if (!own && name.equalsIgnoreCase("Authorization")) headers.put(name, value);
        });
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        String length = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Length"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (length != null) {
            try {
                int declared = Integer.parseInt(length.trim());
                if (declared >= 0 && declared < bytes.length) bytes = java.util.Arrays.copyOf(bytes, declared);
            } catch (NumberFormatException e) {
                throw GoogleError.badRequest("Malformed Content-Length in a batch part.");
            }
        }
        try {
            URI uri = new URI(requestLine[1]);
            return ApiRequest.of(requestLine[0], uri.getRawPath(), uri.getRawQuery(), headers, bytes);
        } catch (URISyntaxException e) {
            throw GoogleError.badRequest("Malformed batch part URL.");
        }
    }

    private static String afterBlankLine(String text) {
        int at = blankLine(text);
        return at < 0 ? text : text.substring(at).replaceFirst("^\r?\n\r?\n", "");
    }

    private static int blankLine(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0) return lf;
        if (lf < 0) return crlf;
        return Math.min(crlf, lf);
    }

    private static ApiResponse render(List<ApiResponse> answers) {
        String boundary = "batch_emu" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (ApiResponse answer : answers) {
            StringBuilder head = new StringBuilder();
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/http\r\n")
                    .append("Content-ID: <response-").append(++n).append(">\r\n\r\n")
                    .append("HTTP/1.1 ").append(answer.status).append(' ').append(ApiResponse.reasonPhrase(answer.status)).append("\r\n");
            answer.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(answer.body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(answer.body);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return ApiResponse.raw(200, out.toByteArray()).header("Content-Type", "multipart/mixed; boundary=" + boundary);
    }
}
