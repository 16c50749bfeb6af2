package dev.gsync.core.plan;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** The links the planner may need, indexed by each side's id. Built from the few links the changes touch. */
public final class LinkIndex {
    private final Map<ExternalId, Link> byCrm;
    private final Map<ExternalId, Link> byGoogle;

    private LinkIndex(Map<ExternalId, Link> byCrm, Map<ExternalId, Link> byGoogle) {
        this.byCrm = byCrm;
        this.byGoogle = byGoogle;
    }

    public static LinkIndex of(Seq<Link> links) {
        return new LinkIndex(HashMap.ofEntries(links.map(l -> io.vavr.Tuple.of(l.crmId(), l))),
                HashMap.ofEntries(links.map(l -> io.vavr.Tuple.of(l.googleId(), l))));
    }

    public Option<Link> find(Side side, ExternalId id) {
        return side == Side.CRM ? byCrm.get(id) : byGoogle.get(id);
    }

    public Seq<Link> all() {
        return byCrm.values().toList();
    }

    /** This index without these links. */
    public LinkIndex without(Seq<Link> gone) {
        return LinkIndex.of(all().removeAll(gone));
    }

    public int size() {
        return byCrm.size();
    }
}
