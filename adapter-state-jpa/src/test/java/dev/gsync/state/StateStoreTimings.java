package dev.gsync.state;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Cursor;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * An end-to-end timing harness, not a test: median wall time of the store's hot paths on H2 and MariaDB, after
 * a warm-up.
 * Run: {@code mvn -q -pl adapter-state-jpa -am verify -DskipTests} then
 * {@code java -cp "adapter-state-jpa/target/test-classes:adapter-state-jpa/target/classes:$(cat /tmp/state-cp)" dev.gsync.state.StateStoreTimings}
 * with the test class path from {@code mvn -pl adapter-state-jpa dependency:build-classpath -Dmdep.outputFile=/tmp/state-cp}.
 */
public final class StateStoreTimings {
    private static final int LINKS = 1000;
    private static final int WARM_UP = 10;
    private static final int ROUNDS = 25;

    public static void main(String[] args) {
        for (TestDatabase database : List.of(TestDatabase.H2, TestDatabase.MARIADB)) {
            String name = database == TestDatabase.H2 ? "H2 file" : "MariaDB 10.11";
            try (StateDatabase db = StateDatabase.open(database.fresh())) {
                JpaSyncStateStore store = new JpaSyncStateStore(db, Clock.systemUTC());
                List<Link> links = List.range(0, LINKS).map(i -> Links.between("18x" + i, "primary/evt" + i));
                Set<ExternalId> crmIds = HashSet.ofAll(links.map(Link::crmId));
                Set<ExternalId> googleIds = HashSet.ofAll(links.map(Link::googleId));
                int[] user = {0};

                // CRM ids are unique across users (vtiger numbers every record), so each user gets ids of its own;
                // the table ends up holding the links of 36 users
                report(name, "saveLinks, 1,000 links in one transaction", time(() -> {
                    int u = user[0]++;
                    store.saveLinks(UserId.of("batch-" + u), u == 0 ? links
                            : List.range(0, LINKS).map(i -> Links.between(u + "x" + i, "primary/evt" + u + "-" + i)));
                    return 0;
                }));
                report(name, "saveLink, one link", time(() -> {
                    store.saveLink(UserId.of("batch-0"), Links.between("18x1", "primary/evt1"));
                    return 0;
                }));
                report(name, "links(), 1,000 CRM + 1,000 Google ids", time(() -> store.links(UserId.of("batch-0"), crmIds, googleIds).size()));
                report(name, "allLinks(), 1,000 links", time(() -> store.allLinks(UserId.of("batch-0")).size()));
                report(name, "saveCursor", time(() -> {
                    store.saveCursor(UserId.of("batch-0"), Side.GOOGLE, new Cursor("token-" + System.nanoTime()));
                    return 0;
                }));
            }
        }
        System.exit(0);   // the embedded MariaDB stops in its shutdown hook
    }

    private static double[] time(Supplier<Integer> work) {
        for (int i = 0; i < WARM_UP; i++) work.get();   // let the JIT compile the path first
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String database, String what, double[] ms) {
        System.out.printf("%-14s %-42s median %8.1f ms   min %8.1f ms   max %8.1f ms%n", database, what, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }
}
