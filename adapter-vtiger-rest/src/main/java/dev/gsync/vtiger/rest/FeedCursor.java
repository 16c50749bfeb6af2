package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.Cursor;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Where the vtiger feed left off, for both types. Both feed modes share it, so a server that gains or loses a
 * working {@code sync} carries on where it was.
 *
 * @param phase     0 events, 1 to-dos, 2 the deletion check of known ids; a pass walks 0 to 2
 * @param sweepFrom where the next deletion check starts in the known ids (it rotates, a bounded number per pass)
 */
record FeedCursor(int phase, TypeFeed events, TypeFeed tasks, int sweepFrom) {
    static final FeedCursor START = new FeedCursor(0, TypeFeed.START, TypeFeed.START, 0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "vtr1:";

    /**
     * One type's feed position.
     *
     * @param mark     the modifiedtime second (Unix seconds) up to which everything was delivered
     * @param seen     "crmid:hash" of rows delivered with modifiedtime == mark: rows sharing that second are read
     *                 again (late writes in the same second must not be missed) and these are skipped
     * @param consumed rows of the mark second already read in this pass (query paging offset)
     * @param stepPast the sync window could not move past the mark (100+ rows in one second): ask strictly after it
     * @param known    crmids delivered and not removed: the ids the deletion check looks for
     */
    record TypeFeed(long mark, SortedSet<String> seen, int consumed, boolean stepPast, SortedSet<Long> known) {
        static final TypeFeed START = new TypeFeed(0, TreeSet.empty(), 0, false, TreeSet.empty());
    }

    TypeFeed of(ItemKind kind) {
        return kind == ItemKind.EVENT ? events : tasks;
    }

    FeedCursor with(ItemKind kind, TypeFeed feed) {
        return kind == ItemKind.EVENT ? new FeedCursor(phase, feed, tasks, sweepFrom) : new FeedCursor(phase, events, feed, sweepFrom);
    }

    FeedCursor withPhase(int p) {
        return new FeedCursor(p, events, tasks, sweepFrom);
    }

    FeedCursor withSweepFrom(int from) {
        return new FeedCursor(phase, events, tasks, from);
    }

    // ------------------------------------------------------------ the opaque text form

    Cursor encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("p", phase).put("w", sweepFrom);
        root.set("e", encode(events));
        root.set("t", encode(tasks));
        return new Cursor(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(root.toString())));
    }

    static Either<String, FeedCursor> decode(Cursor cursor) {
        if (cursor.isStart()) return Either.right(START);
        if (!cursor.value().startsWith(PREFIX)) return Either.left("not a vtiger REST cursor");
        return Try.of(() -> {
            JsonNode root = JSON.readTree(inflate(Base64.getUrlDecoder().decode(cursor.value().substring(PREFIX.length()))));
            return new FeedCursor(root.path("p").asInt(), decode(root.path("e")), decode(root.path("t")), root.path("w").asInt());
        }).toEither().mapLeft(e -> "unreadable vtiger REST cursor: " + e.getMessage());
    }

    private static ObjectNode encode(TypeFeed f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("m", f.mark()).put("c", f.consumed()).put("s", f.stepPast());
        ArrayNode seen = n.putArray("seen");
        f.seen().forEach(seen::add);
        // known ids as gaps between sorted ids, base 36: a few characters each, and deflate likes the repetition
        StringBuilder known = new StringBuilder();
        long last = 0;
        for (long id : f.known()) {
            if (known.length() > 0) known.append('.');
            known.append(Long.toString(id - last, 36));
            last = id;
        }
        n.put("k", known.toString());
        return n;
    }

    private static TypeFeed decode(JsonNode n) {
        SortedSet<String> seen = TreeSet.ofAll(List.ofAll(n.path("seen")).map(JsonNode::asText));
        SortedSet<Long> known = TreeSet.empty();
        String k = n.path("k").asText("");
        long last = 0;
        if (!k.isEmpty()) for (String gap : k.split("\\.")) {
            last += Long.parseLong(gap, 36);
            known = known.add(last);
        }
        return new TypeFeed(n.path("m").asLong(), seen, n.path("c").asInt(), n.path("s").asBoolean(), known);
    }

    private static byte[] deflate(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String inflate(byte[] data) throws java.io.IOException {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
