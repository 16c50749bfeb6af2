package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

import java.time.Instant;

/**
 * A {@link RunAudit}'s outcome, entries and skip groups as JSON with a format number; the run's user and times live
 * in columns. Format 2 added {@code skipped} and {@code omitted}; format 1 (every skip an entry) is still read.
 *
 * <p>{@link #write(RunAudit, int)} keeps the text within a size: when the whole run does not fit, done entries are
 * left out from the end (failures and skip groups are kept) and counted in {@code omitted}.
 */
final class RunAuditText {
    /** 3: entries carry the item's title and the rule; 2: skips grouped; 1: every skip an entry. All are read. */
    static final int FORMAT = 3;
    /** The state column's smallest size among the dialects (H2's VARCHAR(1000000)); MariaDB's MEDIUMTEXT is larger. */
    static final int MAX_CHARS = 1_000_000;

    record Body(int format, String outcome, String problem, java.util.List<EntryBody> entries,
                java.util.List<SkippedBody> skipped, Integer omitted) {
    }

    /** Format 1: every skip was an entry; no groups, nothing omitted. */
    record BodyV1(int format, String outcome, String problem, java.util.List<EntryBodyV2> entries) {
        Body upgraded() {
            return new Body(format, outcome, problem, EntryBodyV2.upgraded(entries), java.util.List.of(), 0);
        }
    }

    /** Format 2: entries without title and rule. */
    record BodyV2(int format, String outcome, String problem, java.util.List<EntryBodyV2> entries,
                  java.util.List<SkippedBody> skipped, Integer omitted) {
        Body upgraded() {
            return new Body(format, outcome, problem, EntryBodyV2.upgraded(entries), skipped, omitted);
        }
    }

    record EntryBodyV2(String action, String item, String outcome, String reason) {
        static java.util.List<EntryBody> upgraded(java.util.List<EntryBodyV2> entries) {
            return entries == null ? null : entries.stream()
                    .map(e -> e == null ? null : new EntryBody(e.action(), e.item(), e.outcome(), e.reason(), null, null)).toList();
        }
    }

    record EntryBody(String action, String item, String outcome, String reason, String title, String rule) {
    }

    record SkippedBody(String action, String reason, int count, java.util.List<String> samples) {
    }

    private RunAuditText() {
    }

    static String write(RunAudit run) {
        return JsonText.write(new Body(FORMAT, run.outcome(), run.problem().getOrNull(),
                run.entries().map(e -> new EntryBody(e.action(), e.item(), e.outcome().name(), e.reason().getOrNull(),
                        e.title().getOrNull(), e.rule().getOrNull())).toJavaList(),
                run.skipped().map(s -> new SkippedBody(s.action(), s.reason(), s.count(), s.samples().toJavaList())).toJavaList(),
                run.omitted()));
    }

    /**
     * The run as text of at most {@code maxChars} characters: whole if it fits, else with fewer done entries.
     * A run whose failures and skip groups alone do not fit keeps its first failures only (a bound, not a loss
     * the user could avoid: thousands of failures share few reasons).
     */
    static String write(RunAudit run, int maxChars) {
        String whole = write(run);
        if (whole.length() <= maxChars) return whole;
        Seq<RunAudit.Entry> failed = run.entries().filter(e -> e.outcome() != RunAudit.Outcome.DONE);
        Seq<RunAudit.Entry> done = run.entries().filter(e -> e.outcome() == RunAudit.Outcome.DONE);
        // entries are of similar size: scale by the measured average, then shrink until it fits
        double perEntry = (double) whole.length() / Math.max(1, run.entries().size());
        int keep = (int) Math.max(0, done.size() - (whole.length() - maxChars) / perEntry - 16);
        for (int i = 0; i < 64; i++) {
            String text = write(run.keeping(failed.appendAll(done.take(keep))));
            if (text.length() <= maxChars) return text;
            keep = keep / 2;
            if (keep == 0 && i > 0) break;
        }
        int failures = failed.size();
        while (true) {
            String text = write(run.keeping(failed.take(failures)));
            if (text.length() <= maxChars || failures == 0) return text;
            failures = failures / 2;
        }
    }

    static Either<String, RunAudit> read(UserId user, Instant started, Instant finished, String text) {
        int format = Try.of(() -> JsonText.JSON.readTree(text).path("format").asInt()).getOrElse(0);
        return (format == 1 ? JsonText.read(text, BodyV1.class).map(BodyV1::upgraded)
                : format == 2 ? JsonText.read(text, BodyV2.class).map(BodyV2::upgraded) : JsonText.read(text, Body.class))
                .filterOrElse(b -> b.format() >= 1 && b.format() <= FORMAT, b -> "run report format " + b.format() + " is not 1 to " + FORMAT)
                .filterOrElse(b -> b.entries() != null && b.outcome() != null, b -> "run report without outcome or entries")
                .flatMap(b -> Either.sequenceRight(List.ofAll(b.entries()).map(RunAuditText::entry))
                        .flatMap(entries -> Try.of(() -> new RunAudit(user, started, finished, b.outcome(), Option.of(b.problem()), entries,
                                        b.skipped() == null ? List.empty() : List.ofAll(b.skipped()).map(RunAuditText::skipped),
                                        b.omitted() == null ? 0 : b.omitted()))
                                .toEither().mapLeft(Throwable::getMessage)));
    }

    private static RunAudit.Skipped skipped(SkippedBody s) {
        return new RunAudit.Skipped(s.action(), s.reason(), s.count(), s.samples() == null ? List.empty() : List.ofAll(s.samples()));
    }

    private static Either<String, RunAudit.Entry> entry(EntryBody e) {
        if (e == null || e.action() == null || e.item() == null || e.outcome() == null) {
            return Either.left("run report entry without action, item or outcome");
        }
        return Try.of(() -> new RunAudit.Entry(e.action(), e.item(), RunAudit.Outcome.valueOf(e.outcome()), Option.of(e.reason()),
                        Option.of(e.title()), Option.of(e.rule())))
                .toEither().mapLeft(x -> "bad run report entry " + e + ": " + x.getMessage());
    }
}
