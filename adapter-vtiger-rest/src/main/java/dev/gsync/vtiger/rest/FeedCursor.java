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
 * No id list: its size would follow the calendar. Deletions the feed cannot see are found among the linked ids
 * ({@link VtigerRestCalendar#removedAmong}); a cursor of the earlier form (known ids "k", a rotating check "w",
 * phase 2) is read with those parts dropped.
 *
 * @param phase 0 events, 1 to-dos; a pass walks 0 to 1
 */
record FeedCursor(int phase, TypeFeed events, TypeFeed tasks) {
    static final FeedCursor START = new FeedCursor(0, TypeFeed.START, TypeFeed.START);
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
     */
    record TypeFeed(long mark, SortedSet<String> seen, int consumed, boolean stepPast) {
        static final TypeFeed START = new TypeFeed(0, TreeSet.empty(), 0, false);
    }

    TypeFeed of(ItemKind kind) {
        return kind == ItemKind.EVENT ? events : tasks;
    }

    FeedCursor with(ItemKind kind, TypeFeed feed) {
        return kind == ItemKind.EVENT ? new FeedCursor(phase, feed, tasks) : new FeedCursor(phase, events, feed);
    }

    FeedCursor withPhase(int p) {
        return new FeedCursor(p, events, tasks);
    }

    // ------------------------------------------------------------ the opaque text form

    Cursor encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("p", phase);
        root.set("e", encode(events));
        root.set("t", encode(tasks));
        return new Cursor(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(root.toString())));
    }

    static Either<String, FeedCursor> decode(Cursor cursor) {
        if (cursor.isStart()) return Either.right(START);
        if (!cursor.value().startsWith(PREFIX)) return Either.left("not a vtiger REST cursor");
        return Try.of(() -> {
            JsonNode root = JSON.readTree(inflate(Base64.getUrlDecoder().decode(cursor.value().substring(PREFIX.length()))));
            int phase = root.path("p").asInt();
            return new FeedCursor(phase > 1 ? 0 : phase, decode(root.path("e")), decode(root.path("t")));
        }).toEither().mapLeft(e -> "unreadable vtiger REST cursor: " + e.getMessage());
    }

    private static ObjectNode encode(TypeFeed f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("m", f.mark()).put("c", f.consumed()).put("s", f.stepPast());
        ArrayNode seen = n.putArray("seen");
        f.seen().forEach(seen::add);
        return n;
    }

    private static TypeFeed decode(JsonNode n) {
        SortedSet<String> seen = TreeSet.ofAll(List.ofAll(n.path("seen")).map(JsonNode::asText));
        return new TypeFeed(n.path("m").asLong(), seen, n.path("c").asInt(), n.path("s").asBoolean());
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
