package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.Notice;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

import java.util.LinkedHashSet;
import java.util.Set;

/** What the mapping changed on the way, kept until the run report asks (then handed out once). Thread-safe. */
public final class NoticeBook {
    private final Set<Notice> notices = new LinkedHashSet<>();

    public synchronized void add(ExternalId id, String title, Seq<String> what) {
        for (String w : what) notices.add(new Notice(id, title, w));
    }

    public synchronized Seq<Notice> drain() {
        Seq<Notice> out = List.ofAll(notices);
        notices.clear();
        return out;
    }
}
