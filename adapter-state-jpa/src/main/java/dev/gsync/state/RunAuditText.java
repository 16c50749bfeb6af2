package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

import java.time.Instant;

/** A {@link RunAudit}'s outcome and entries as JSON with a format number; the run's user and times live in columns. */
final class RunAuditText {
    static final int FORMAT = 1;

    record Body(int format, String outcome, String problem, java.util.List<EntryBody> entries) {
    }

    record EntryBody(String action, String item, String outcome, String reason) {
    }

    private RunAuditText() {
    }

    static String write(RunAudit run) {
        return JsonText.write(new Body(FORMAT, run.outcome(), run.problem().getOrNull(), run.entries()
                .map(e -> new EntryBody(e.action(), e.item(), e.outcome().name(), e.reason().getOrNull())).toJavaList()));
    }

    static Either<String, RunAudit> read(UserId user, Instant started, Instant finished, String text) {
        return JsonText.read(text, Body.class)
                .filterOrElse(b -> b.format() == FORMAT, b -> "run report format " + b.format() + " is not " + FORMAT)
                .filterOrElse(b -> b.entries() != null && b.outcome() != null, b -> "run report without outcome or entries")
                .flatMap(b -> Either.sequenceRight(List.ofAll(b.entries()).map(RunAuditText::entry))
                        .flatMap(entries -> Try.of(() -> new RunAudit(user, started, finished, b.outcome(), Option.of(b.problem()), entries))
                                .toEither().mapLeft(Throwable::getMessage)));
    }

    private static Either<String, RunAudit.Entry> entry(EntryBody e) {
        if (e == null || e.action() == null || e.item() == null || e.outcome() == null) {
            return Either.left("run report entry without action, item or outcome");
        }
        return Try.of(() -> new RunAudit.Entry(e.action(), e.item(), RunAudit.Outcome.valueOf(e.outcome()), Option.of(e.reason())))
                .toEither().mapLeft(x -> "bad run report entry " + e + ": " + x.getMessage());
    }
}
