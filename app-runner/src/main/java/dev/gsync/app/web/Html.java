package dev.gsync.app.web;

/** Minimal page chrome; every value placed in a page passes through {@link #esc}. */
final class Html {
    private Html() {}

    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + " – gsync</title>"
                + "<style>body{font-family:sans-serif;max-width:44em;margin:2em auto}label{display:block;margin-top:1em}"
                + ".error{color:#b00020;margin-left:.5em}.notice{background:#eef;padding:.5em}.problem{background:#fee;padding:.5em}</style>"
                + "</head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }
}
