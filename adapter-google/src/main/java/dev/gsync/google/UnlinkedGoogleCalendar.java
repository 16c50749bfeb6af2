package dev.gsync.google;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The Google side of a user who has not linked a Google account (or whose tokens are gone): every call says so. */
final class UnlinkedGoogleCalendar implements GoogleCalendar {
    private final CalendarFailure failure;

    UnlinkedGoogleCalendar(String user) {
        this.failure = new CalendarFailure.AuthorizationRequired("user " + user + " has not linked a Google account");
    }

    @Override
    public Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) {
        return Either.left(failure);
    }

    @Override
    public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        return Either.left(failure);
    }

    @Override
    public Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
        return writes.map(w -> Either.left(failure));
    }

    @Override
    public Set<Field> fieldsHeld(ItemKind kind) {
        return kind == ItemKind.EVENT ? GoogleEventMapper.HELD : GoogleTaskMapper.HELD;
    }
}
