package dev.gsync.vtiger.rest;

/**
 * Literals for VTQL. vtiger pastes values into the SQL it sends to MySQL "as typed", so escaping is ours:
 * a quote is doubled (VTQL's own rule), and a backslash is doubled too, because MySQL reads it as an escape
 * character and VTQL does not: without that, a value ending in a backslash would end the string early for MySQL
 * and whatever follows would run as SQL. Newlines, semicolons and SQL words are harmless inside a literal.
 */
final class Vtql {
    private Vtql() {}

    /** 'value' with quotes and backslashes doubled. VTQL cannot express the empty string. */
    static String literal(String value) {
        if (value.isEmpty()) throw new IllegalArgumentException("VTQL cannot express an empty string");
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A LIKE pattern matching values that contain {@code fragment} literally ('%' and '_' escaped). */
    static String containing(String fragment) {
        return containingInOrder(fragment);
    }

    /** A LIKE pattern matching values that contain the fragments literally, in this order, anything between them. */
    static String containingInOrder(String... fragments) {
        StringBuilder pattern = new StringBuilder("%");
        for (String f : fragments) pattern.append(f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")).append('%');
        return literal(pattern.toString());
    }
}
