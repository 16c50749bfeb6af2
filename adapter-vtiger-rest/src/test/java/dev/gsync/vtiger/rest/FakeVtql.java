package dev.gsync.vtiger.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The VTQL subset vtiger accepts, parsed the way it finally reaches MySQL: vtiger pastes values into SQL "as typed",
 * so string literals are read with MySQL's rules (backslash escapes, doubled quotes). A client that escapes wrongly
 * therefore gets here what it would get from vtiger: a broken query or different rows.
 * SELECT * | count(*) | f1, f2 FROM Type [WHERE cond {AND|OR cond}] [ORDER BY f1[, f2] [ASC|DESC]] [LIMIT n | LIMIT o, n];
 */
final class FakeVtql {
    /** A VTQL failure with vtiger's error code. */
    static final class Failure extends RuntimeException {
        final String code;

        Failure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    record Query(List<String> select, boolean count, String from, Expr where, List<String> orderBy, boolean desc, int offset, int limit) {}

    interface Expr {
        boolean test(Function<String, String> field);
    }

    private record Token(String kind, String text) {}   // kind: id, str, num, sym, end

    private final List<Token> tokens;
    private int at;

    private FakeVtql(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String vtql) {
        vtqlLexer(vtql);
        return new FakeVtql(lex(vtql)).query();
    }

    /**
     * What VTQL's own lexer checks before vtiger pastes the text into SQL: strings are quote to quote with '' inside
     * (a backslash means nothing to it), '' alone cannot be lexed, double quotes are not allowed, the query ends in ';'.
     */
    private static void vtqlLexer(String s) {
        int i = 0;
        char last = ' ';
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) throw new Failure("QUERY_SYNTAX_ERROR", "unterminated string");
                    if (s.charAt(j) == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') { j += 2; continue; }
                    if (s.charAt(j) == '\'') break;
                    j++;
                }
                if (j == i + 1) throw new Failure("INTERNAL_SERVER_ERROR", "Unknown Error while processing request");
                i = j + 1;
                last = '\'';
                continue;
            }
            if (c == '"') throw new Failure("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: token '\"' Unexpected");
            if (!Character.isWhitespace(c)) last = c;
            i++;
        }
        if (last != ';') throw new Failure("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: missing ';'");
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '#' || (c == '-' && s.startsWith("-- ", i))) break;          // MySQL comment: the rest is ignored
            if (c == '\'') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < s.length()) {
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < s.length()) {
                        char e = s.charAt(j + 1);
                        switch (e) {
                            case 'n' -> v.append('\n');
                            case 't' -> v.append('\t');
                            case '0' -> v.append('\0');
                            case '%', '_' -> v.append('\\').append(e);   // MySQL keeps these for LIKE
                            default -> v.append(e);
                        }
                        j += 2;
                    } else if (d == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                        v.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        closed = true;
                        j++;
                        break;
                    } else {
                        v.append(d);
                        j++;
                    }
                }
                if (!closed) throw new Failure("DATABASE_QUERY_ERROR", "Database error while performing requested operation");
                out.add(new Token("str", v.toString()));
                i = j;
                continue;
            }
            if (c == '"') throw new Failure("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: token '\"' Unexpected");
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
                out.add(new Token("id", s.substring(i, j)));
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                out.add(new Token("num", s.substring(i, j)));
                i = j;
                continue;
            }
            for (String sym : new String[]{"!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ";", "*"}) {
                if (s.startsWith(sym, i)) {
                    out.add(new Token("sym", sym));
                    i += sym.length();
                    break;
                }
                if (sym.equals("*")) throw new Failure("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: token '" + c + "' Unexpected");
            }
        }
        out.add(new Token("end", ""));
        return out;
    }

    private Token peek() { return tokens.get(at); }

    private boolean keyword(String k) {
        if (peek().kind().equals("id") && peek().text().equalsIgnoreCase(k)) { at++; return true; }
        return false;
    }

    private boolean sym(String s) {
        if (peek().kind().equals("sym") && peek().text().equals(s)) { at++; return true; }
        return false;
    }

    private void expectKeyword(String k) {
        if (!keyword(k)) throw syntax();
    }

    private void expectSym(String s) {
        if (!sym(s)) throw syntax();
    }

    private Failure syntax() {
        return new Failure("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: token '" + peek().text() + "' Unexpected");
    }

    private String ident() {
        if (!peek().kind().equals("id")) throw syntax();
        return tokens.get(at++).text();
    }

    private int number() {
        if (!peek().kind().equals("num")) throw syntax();
        return Integer.parseInt(tokens.get(at++).text());
    }

    private Query query() {
        expectKeyword("SELECT");
        List<String> select = new ArrayList<>();
        boolean count = false;
        if (sym("*")) {
            select.add("*");
        } else if (peek().text().equalsIgnoreCase("count")) {
            at++;
            expectSym("(");
            expectSym("*");
            expectSym(")");
            count = true;
        } else {
            do select.add(ident()); while (sym(","));
        }
        expectKeyword("FROM");
        String from = ident();
        Expr where = f -> true;
        if (keyword("WHERE")) where = or();
        List<String> order = new ArrayList<>();
        boolean desc = false;
        if (keyword("ORDER")) {
            expectKeyword("BY");
            do order.add(ident()); while (sym(","));
            if (keyword("DESC")) desc = true;
            else keyword("ASC");
        }
        int offset = 0;
        int limit = 100;
        if (keyword("LIMIT")) {
            int first = number();
            if (sym(",")) { offset = first; limit = number(); } else limit = first;
        }
        limit = Math.min(limit, 100);                 // vtiger's cap, whatever LIMIT says
        // MySQL sees the text after vtiger's checks: a comment may have swallowed the ';'
        if (!sym(";") && !peek().kind().equals("end")) throw syntax();
        if (!peek().kind().equals("end")) throw syntax();   // nothing may follow the ';'
        return new Query(select, count, from, where, order, desc, offset, limit);
    }

    private Expr or() {
        Expr left = and();
        while (keyword("OR")) {
            Expr l = left, r = and();
            left = f -> l.test(f) || r.test(f);
        }
        return left;
    }

    private Expr and() {
        Expr left = cond();
        while (keyword("AND")) {
            Expr l = left, r = cond();
            left = f -> l.test(f) && r.test(f);
        }
        return left;
    }

    /** An operand: a field (resolved per row), a string or a number. */
    private Function<Function<String, String>, String> operand() {
        Token t = tokens.get(at++);
        switch (t.kind()) {
            case "str", "num" -> { return f -> t.text(); }
            case "id" -> { return f -> f.apply(t.text()); }
            default -> { at--; throw syntax(); }
        }
    }

    private Expr cond() {
        String fieldName = peek().kind().equals("id") ? peek().text() : null;
        var left = operand();
        if (keyword("IN")) {
            expectSym("(");
            List<Function<Function<String, String>, String>> values = new ArrayList<>();
            do values.add(idChecked(fieldName, operand())); while (sym(","));
            expectSym(")");
            return f -> values.stream().anyMatch(v -> compare(fieldName, left.apply(f), v.apply(f)) == 0);
        }
        if (keyword("LIKE")) {
            var right = operand();
            return f -> like(left.apply(f), right.apply(f));
        }
        if (!peek().kind().equals("sym")) throw syntax();
        String op = tokens.get(at++).text();
        var right = idChecked(fieldName, operand());
        return f -> {
            int c = compare(fieldName, left.apply(f), right.apply(f));
            return switch (op) {
                case "=" -> c == 0;
                case "!=", "<>" -> c != 0;
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case ">=" -> c >= 0;
                default -> throw syntax();
            };
        };
    }

    private static final java.util.Set<String> ID_FIELDS = java.util.Set.of("id", "assigned_user_id", "parent_id", "contact_id", "modifiedby");

    private Function<Function<String, String>, String> idChecked(String fieldName, Function<Function<String, String>, String> value) {
        if (fieldName == null || !ID_FIELDS.contains(fieldName)) return value;
        return f -> {
            String v = value.apply(f);
            if (v.indexOf('x') < 0) throw new Failure("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
            return v;
        };
    }

    /** MySQL's utf8_general_ci: case-insensitive. Ids compare by their number. */
    private static int compare(String fieldName, String a, String b) {
        if (a == null || b == null) return a == null && b == null ? 0 : a == null ? -1 : 1;
        if ("id".equals(fieldName)) return Long.compare(number(a), number(b));
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    private static long number(String wsId) {
        int x = wsId.indexOf('x');
        return Long.parseLong(wsId.substring(x + 1));
    }

    static boolean like(String value, String pattern) {
        if (value == null) return false;
        StringBuilder re = new StringBuilder("(?s)(?i)");
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString()).matcher(value).matches();
    }
}
