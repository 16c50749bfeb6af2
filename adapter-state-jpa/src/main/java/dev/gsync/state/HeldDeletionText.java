package dev.gsync.state;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.port.HeldDeletion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

/** The items of a {@link HeldDeletion} as JSON with a format number. */
final class HeldDeletionText {
    static final int FORMAT = 1;

    record Body(int format, java.util.List<ItemBody> items) {
    }

    record ItemBody(String target, String id, String gone, String title) {
    }

    private HeldDeletionText() {
    }

    static String write(Seq<HeldDeletion.Item> items) {
        return JsonText.write(new Body(FORMAT, items.map(i -> new ItemBody(i.target().name(), i.id().value(), i.gone().value(),
                i.title().getOrNull())).toJavaList()));
    }

    static Either<String, Seq<HeldDeletion.Item>> read(String text) {
        return JsonText.read(text, Body.class)
                .filterOrElse(b -> b.format() == FORMAT, b -> "held deletion format " + b.format() + " is not " + FORMAT)
                .filterOrElse(b -> b.items() != null, b -> "held deletion without items")
                .flatMap(b -> Either.sequenceRight(List.ofAll(b.items()).map(HeldDeletionText::item)));
    }

    private static Either<String, HeldDeletion.Item> item(ItemBody i) {
        return Try.of(() -> new HeldDeletion.Item(Side.valueOf(i.target()), ExternalId.of(i.id()), ExternalId.of(i.gone()), Option.of(i.title())))
                .toEither().mapLeft(e -> "bad held deletion item " + i + ": " + e.getMessage());
    }
}
