package dev.gsync.vtiger.jdbc;

import dev.gsync.core.port.Cursor;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What the change feed remembers between calls, carried inside the opaque {@link Cursor} (deflated, base64url).
 * <ul>
 *   <li>{@code mark}: the newest modifiedtime seen; each pass re-reads from mark minus the overlap window</li>
 *   <li>{@code seen}: the versions emitted for rows inside that window, so a re-read row is not emitted again</li>
 *   <li>{@code mode/after/pos}: where a listing stopped between pages</li>
 * </ul>
 * All times are DB wall-clock seconds (epoch seconds of the DB-zone wall time, not instants). No id list: its size
 * would follow the calendar (a cursor of v2 carried the live ids for a sweep; they are read past and dropped).
 */
final class FeedState {
    enum Mode { FULL, INCREMENTAL }

    record Seen(String version, long modified) {}

    Mode mode = Mode.FULL;
    int after;                 // FULL: keyset position (crmid)
    long fullMark;             // FULL: the mark the following incremental passes start from
    long mark;                 // INCREMENTAL: newest modifiedtime seen so far
    long posTime = Long.MIN_VALUE;   // INCREMENTAL: keyset position inside a pass; MIN_VALUE = no pass running
    int posId;
    long passMax = Long.MIN_VALUE;
    int runs;
    final Map<String, Seen> seen = new HashMap<>();
    /**
     * Per series (parent crmid): the records the feed reported as its changed occurrences. vtiger's "all" edit puts
     * them back in line without a trace; they are then reported once more with the series' values (issue 14, D39).
     * Its size follows the number of changed occurrences, not the calendar. An optional 11th line: older cursors
     * (10 lines) read as "none remembered".
     */
    final Map<Integer, java.util.Set<Integer>> exceptions = new java.util.TreeMap<>();
    /**
     * Records the feed reported removed because "this and following" moved them, as changed occurrences, from one
     * series to the part split off it: reported again at the next call, as items of their new part (issue 14, D39).
     * Kept in the same line as {@link #exceptions}, under the key -1 (parents are positive).
     */
    final java.util.Set<Integer> again = new java.util.TreeSet<>();

    private static final int AGAIN = -1;

    boolean passRunning() {
        return posTime != Long.MIN_VALUE;
    }

    Cursor encode() {
        StringBuilder s = new StringBuilder("v2\n");
        s.append(mode == Mode.FULL ? 'F' : 'I').append('\n');
        s.append(after).append('\n').append(fullMark).append('\n').append(mark).append('\n');
        s.append(posTime).append('\n').append(posId).append('\n').append(passMax).append('\n').append(runs).append('\n');
        boolean first = true;
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            if (!first) s.append('|');
            first = false;
            s.append(e.getKey()).append('~').append(e.getValue().version()).append('~').append(e.getValue().modified());
        }
        s.append('\n').append("E:");
        first = true;
        Map<Integer, java.util.Set<Integer>> lines = new java.util.TreeMap<>(exceptions);
        if (!again.isEmpty()) lines.put(AGAIN, again);
        for (Map.Entry<Integer, java.util.Set<Integer>> e : lines.entrySet()) {
            if (!first) s.append('|');
            first = false;
            s.append(e.getKey()).append('~');
            boolean firstId = true;
            for (Integer id : e.getValue()) {
                if (!firstId) s.append(',');
                firstId = false;
                s.append(id);
            }
        }
        s.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] header = s.toString().getBytes(StandardCharsets.UTF_8);
        out.write(header, 0, header.length);
        return new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(out.toByteArray())));
    }

    static Either<String, FeedState> decode(Cursor cursor) {
        if (cursor.isStart()) return Either.right(new FeedState());
        return Try.of(() -> parse(inflate(Base64.getUrlDecoder().decode(cursor.value()))))
                .toEither().mapLeft(e -> "not a vtiger-jdbc cursor: " + e);
    }

    private static FeedState parse(byte[] bytes) {
        int pos = 0;
        String[] l = new String[10];
        for (int i = 0; i < 10; i++) {
            int nl = pos;
            while (bytes[nl] != '\n') nl++;
            l[i] = new String(bytes, pos, nl - pos, StandardCharsets.UTF_8);
            pos = nl + 1;
        }
        if (!"v2".equals(l[0])) throw new IllegalArgumentException("unknown cursor version " + l[0]);
        FeedState st = new FeedState();
        st.mode = "F".equals(l[1]) ? Mode.FULL : Mode.INCREMENTAL;
        st.after = Integer.parseInt(l[2]);
        st.fullMark = Long.parseLong(l[3]);
        st.mark = Long.parseLong(l[4]);
        st.posTime = Long.parseLong(l[5]);
        st.posId = Integer.parseInt(l[6]);
        st.passMax = Long.parseLong(l[7]);
        st.runs = Integer.parseInt(l[8]);
        if (!l[9].isEmpty()) {
            for (String entry : l[9].split("\\|")) {
                String[] p = entry.split("~", 3);
                st.seen.put(p[0], new Seen(p[1], Long.parseLong(p[2])));
            }
        }
        if (pos < bytes.length) {
            int nl = pos;
            while (nl < bytes.length && bytes[nl] != '\n') nl++;
            String line = new String(bytes, pos, nl - pos, StandardCharsets.UTF_8);
            // before issue 14 a v2 cursor had no such line (and before issue 10 binary ids here): only "E:" is read
            if (line.startsWith("E:") && line.length() > 2) {
                try {
                    for (String entry : line.substring(2).split("\\|")) {
                        String[] p = entry.split("~", 2);
                        java.util.Set<Integer> ids = new java.util.TreeSet<>();
                        for (String id : p[1].split(",")) ids.add(Integer.parseInt(id));
                        int key = Integer.parseInt(p[0]);
                        if (key == AGAIN) st.again.addAll(ids);
                        else st.exceptions.put(key, ids);
                    }
                } catch (RuntimeException unreadable) {
                    st.exceptions.clear();
                    st.again.clear();   // only the memory of changed occurrences is lost, not the feed position
                }
            }
        }
        return st;
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);   // cursors are written every page: speed over the last few percent
        d.setInput(in);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] in) throws java.util.zip.DataFormatException {
        Inflater i = new Inflater();
        i.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!i.finished()) {
            int n = i.inflate(buf);
            if (n == 0 && (i.needsInput() || i.needsDictionary())) throw new IllegalArgumentException("truncated cursor");
            out.write(buf, 0, n);
        }
        i.end();
        return out.toByteArray();
    }
}
