package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Version;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One record as read: the item, its version, when it last changed, the idempotency key of its marker (if gsync made
 * it) and what the reading had to change to make an item of it.
 */
public record Reading(ExternalId id, CalendarItem item, Version version, Instant modified, Option<IdempotencyKey> marker,
                      Seq<String> notices) {}
