package dev.gsync.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored run as people and scripts read it (`gsync report`, the settings page, the admin page): writes and
 * failures item by item, skips summarised per reason. A run's id is its start time (UTC, to the millisecond), which
 * is unique per user in practice and readable without a lookup.
 */
public final class RunAuditView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunAuditView() {}

    /** Items left alone for one reason, with a few of their ids. */
    public record SkipGroup(String action, String reason, int count, Seq<String> samples) {}

    /** One written or failed item: the side it came from, its id, its title and the rule, what was done, why it failed. */
    public record Item(String side, String id, String title, String rule, String action, String outcome, String reason) {}

    public static String runId(RunAudit run) {
        return DateTimeFormatter.ISO_INSTANT.format(run.started().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Whether {@code id} names this run: its full id, or the start time without milliseconds. */
    public static boolean isRun(RunAudit run, String id) {
        return runId(run).equals(id) || DateTimeFormatter.ISO_INSTANT.format(run.started().truncatedTo(ChronoUnit.SECONDS)).equals(id);
    }

    public static Seq<Item> items(RunAudit run) {
        return run.entries().filter(e -> e.outcome() != RunAudit.Outcome.SKIPPED).map(e -> {
            int colon = e.item().indexOf(':');
            return new Item(colon > 0 ? e.item().substring(0, colon) : "", colon > 0 ? e.item().substring(colon + 1) : e.item(),
                    e.title().getOrElse(""), e.rule().getOrElse(""), e.action(), e.outcome().name(), e.reason().getOrElse(""));
        });
    }

    /**
     * Skips grouped by action and reason, biggest group first: the groups the audit keeps, plus (runs stored before
     * skips were grouped) skipped entries grouped here.
     */
    public static Seq<SkipGroup> skips(RunAudit run) {
        Seq<SkipGroup> stored = run.skipped().map(s -> new SkipGroup(s.action(), s.reason(), s.count(), s.samples()));
        Seq<SkipGroup> older = run.entries().filter(e -> e.outcome() == RunAudit.Outcome.SKIPPED)
                .groupBy(e -> List.of(e.action(), e.reason().getOrElse("")))
                .map(group -> new SkipGroup(group._1.get(0), group._1.get(1), group._2.size(), group._2.map(RunAudit.Entry::item).take(5).toList()))
                .toList();
        return stored.appendAll(older).toList().sortBy(g -> -g.count());
    }

    public static String text(RunAudit run) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(runId(run)).append(" of ").append(run.user()).append(": ").append(run.outcome())
                .append(run.problem().map(p -> " (" + p + ")").getOrElse(""))
                .append(", took ").append(java.time.Duration.between(run.started(), run.finished()).toMillis()).append(" ms\n");
        Seq<Item> items = items(run);
        if (items.isEmpty()) b.append("  nothing written\n");
        if (run.omitted() > 0) b.append("  (").append(run.omitted()).append(" written items not stored: the audit keeps failures first)\n");
        for (Item item : items)
            b.append(String.format("  %-8s %-16s %-5s %s%s%s%s%n", item.outcome(), item.action(), item.side(), item.id(),
                    item.title().isEmpty() ? "" : " \"" + item.title() + "\"", item.rule().isEmpty() ? "" : " [" + item.rule() + "]",
                    item.reason().isEmpty() ? "" : "  – " + item.reason()));
        Seq<SkipGroup> skips = skips(run);
        if (!skips.isEmpty()) b.append("  skipped, by reason:\n");
        for (SkipGroup g : skips)
            b.append(String.format("  %6d × %-16s %s  (e.g. %s)%n", g.count(), g.action(), g.reason(), g.samples().mkString(", ")));
        return b.toString();
    }

    public static String json(Seq<RunAudit> runs) {
        try {
            return JSON.writeValueAsString(runs.map(RunAuditView::jsonOf).toJavaList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a run report did not turn into JSON", e);
        }
    }

    private static Map<String, Object> jsonOf(RunAudit run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", runId(run));
        m.put("user", run.user().value());
        m.put("started", iso(run.started()));
        m.put("finished", iso(run.finished()));
        m.put("outcome", run.outcome());
        m.put("problem", run.problem().getOrNull());
        m.put("omitted", run.omitted());
        m.put("items", items(run).map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("side", i.side());
            item.put("id", i.id());
            if (!i.title().isEmpty()) item.put("title", i.title());
            if (!i.rule().isEmpty()) item.put("rule", i.rule());
            item.put("action", i.action());
            item.put("outcome", i.outcome());
            if (!i.reason().isEmpty()) item.put("reason", i.reason());
            return item;
        }).toJavaList());
        m.put("skipped", skips(run).map(g -> {
            Map<String, Object> skip = new LinkedHashMap<>();
            skip.put("action", g.action());
            skip.put("reason", g.reason());
            skip.put("count", g.count());
            skip.put("samples", g.samples().toJavaList());
            return skip;
        }).toJavaList());
        return m;
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
