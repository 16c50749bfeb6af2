package dev.gsync.core.model;

import java.util.Objects;

/**
 * The tie between an item and its mirror, with what each side looked like after the last sync: its version
 * token and its field fingerprints. Change detection and merging are three-way against these, never by clock.
 *
 * @param origin the side the item was first created on; the other side holds the mirror
 */
public record Link(
        ItemKind kind,
        Side origin,
        ExternalId crmId,
        ExternalId googleId,
        Version crmVersion,
        Version googleVersion,
        Fingerprints crmBase,
        Fingerprints googleBase) {

    public Link {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(crmId, "crmId");
        Objects.requireNonNull(googleId, "googleId");
        Objects.requireNonNull(crmVersion, "crmVersion");
        Objects.requireNonNull(googleVersion, "googleVersion");
        Objects.requireNonNull(crmBase, "crmBase");
        Objects.requireNonNull(googleBase, "googleBase");
    }

    /** The link between an original on {@code originSide} and its mirror on the other side. */
    public static Link between(ItemKind kind, Side originSide,
                               ExternalId originalId, Version originalVersion, Fingerprints originalBase,
                               ExternalId mirrorId, Version mirrorVersion, Fingerprints mirrorBase) {
        return originSide == Side.CRM
                ? new Link(kind, Side.CRM, originalId, mirrorId, originalVersion, mirrorVersion, originalBase, mirrorBase)
                : new Link(kind, Side.GOOGLE, mirrorId, originalId, mirrorVersion, originalVersion, mirrorBase, originalBase);
    }

    public ExternalId id(Side side) {
        return side == Side.CRM ? crmId : googleId;
    }

    public Version version(Side side) {
        return side == Side.CRM ? crmVersion : googleVersion;
    }

    public Fingerprints base(Side side) {
        return side == Side.CRM ? crmBase : googleBase;
    }

    public Link with(Side side, ExternalId id, Version version, Fingerprints base) {
        return side == Side.CRM
                ? new Link(kind, origin, id, googleId, version, googleVersion, base, googleBase)
                : new Link(kind, origin, crmId, id, crmVersion, version, crmBase, base);
    }
}
