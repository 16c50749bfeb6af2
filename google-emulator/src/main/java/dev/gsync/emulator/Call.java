package dev.gsync.emulator;

import java.util.Map;

/** A routed, authenticated call as a handler sees it. */
record Call(ApiRequest request, Map<String, String> params, Account account, EmulatorState state) {
    String param(String name) { return params.get(name); }
}
