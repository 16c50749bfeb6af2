package dev.gsync.vtiger.rest;

/** Why a webservice call did not give a result. */
sealed interface WsError {
    String describe();

    /** vtiger answered {"success":false,"error":{code,message}}. */
    record Api(String code, String message) implements WsError {
        public String describe() { return code + ": " + message; }

        boolean is(String... codes) {
            for (String c : codes) if (c.equals(code)) return true;
            return false;
        }
    }

    /**
     * No usable answer: connection failure, timeout, HTTP error, a body that is not the JSON envelope. For a write
     * this means its outcome is unknown.
     */
    record Transport(String detail, boolean serverAnswered) implements WsError {
        public String describe() { return detail; }
    }

    /** vtiger refused the login (wrong access key, inactive or unknown user): retrying will not help. */
    record LoginRefused(String detail) implements WsError {
        public String describe() { return detail; }
    }
}
