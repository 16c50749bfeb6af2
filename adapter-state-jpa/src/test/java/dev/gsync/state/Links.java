package dev.gsync.state;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Version;
import io.vavr.Tuple;
import io.vavr.collection.TreeMap;

/** Link fixtures: an event first created in the CRM, its mirror in Google. */
final class Links {
    private Links() {
    }

    static Link between(String crmId, String googleId) {
        return new Link(ItemKind.EVENT, Side.CRM, ExternalId.of(crmId), ExternalId.of(googleId),
                Version.of("2026-11-25 10:00:00"), Version.of("\"etag-" + googleId + "\""),
                fingerprints("1a2b3c4d5e6f7081", "00ff00ff00ff00ff"), fingerprints("1a2b3c4d5e6f7081", "abcdefabcdefabcd"));
    }

    static Fingerprints fingerprints(String title, String timing) {
        return new Fingerprints(TreeMap.ofEntries(Tuple.of(Field.TITLE, title), Tuple.of(Field.TIMING, timing)));
    }
}
