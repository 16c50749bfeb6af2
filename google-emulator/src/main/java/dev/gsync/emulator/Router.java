package dev.gsync.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method + path to an operation. Kept apart from Javalin's router because batch parts must be
 * dispatched the same way as plain requests, without going back through HTTP.
 */
final class Router {
    /** What a call may need from the token's scopes. */
    enum Access { CALENDAR_LIST, CALENDARS_MANAGE, CALENDAR_READ, CALENDAR_WRITE, TASKS_READ, TASKS_WRITE }

    interface Handler { ApiResponse handle(Call call); }

    record Route(String method, String[] pattern, String operation, Access access, int cost, Handler handler) {}

    record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, String operation, Access access, Handler handler) {
        return add(method, pattern, operation, access, 1, handler);
    }

    Router add(String method, String pattern, String operation, Access access, int cost, Handler handler) {
        routes.add(new Route(method, split(pattern), operation, access, cost, handler));
        return this;
    }

    Match match(String method, String path) {
        String[] segments = split(path);
        for (Route route : routes) {
            if (!route.method.equals(method) || route.pattern.length != segments.length) continue;
            Map<String, String> params = new HashMap<>();
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                String expected = route.pattern[i];
                String actual = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                if (expected.startsWith("{")) params.put(expected.substring(1, expected.length() - 1), actual);
                else matches = expected.equals(actual);
            }
            if (matches) return new Match(route, params);
        }
        return null;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
