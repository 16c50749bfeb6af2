package dev.gsync.app.web;

import dev.gsync.app.report.RunAuditView;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.Seq;

/** The "last runs" section of the settings and admin pages: the same view as `gsync report`, as HTML. */
final class RunAuditHtml {
    private RunAuditHtml() {}

    static String lastRuns(Seq<RunAudit> runs) {
        StringBuilder b = new StringBuilder("<h2>Last runs</h2><div id=\"last-runs\">");
        if (runs.isEmpty()) b.append("<p>No runs yet.</p>");
        boolean newest = true;
        for (RunAudit run : runs) {
            b.append("<details class=\"run\"").append(newest ? " open" : "").append("><summary>").append(Html.esc(RunAuditView.runId(run)))
                    .append(": ").append(Html.esc(run.outcome())).append(run.problem().map(p -> " – " + Html.esc(p)).getOrElse(""))
                    .append("</summary>");
            newest = false;
            Seq<RunAuditView.Item> items = RunAuditView.items(run);
            if (items.isEmpty()) b.append("<p>Nothing written.</p>");
            else {
                b.append("<table class=\"items\"><tr><th>Outcome</th><th>Action</th><th>From</th><th>Record</th><th>Title</th><th>Rule</th><th>Reason</th></tr>");
                for (RunAuditView.Item item : items)
                    b.append("<tr class=\"item ").append(Html.esc(item.outcome().toLowerCase(java.util.Locale.ROOT))).append("\"><td>")
                            .append(Html.esc(item.outcome())).append("</td><td>").append(Html.esc(item.action())).append("</td><td>")
                            .append(Html.esc(item.side())).append("</td><td>").append(Html.esc(item.id())).append("</td><td class=\"title\">")
                            .append(Html.esc(item.title())).append("</td><td class=\"rule\">").append(Html.esc(item.rule())).append("</td><td>")
                            .append(Html.esc(item.reason())).append("</td></tr>");
                b.append("</table>");
            }
            Seq<RunAuditView.SkipGroup> skips = RunAuditView.skips(run);
            if (!skips.isEmpty()) {
                b.append("<p>Skipped, by reason:</p><ul class=\"skips\">");
                for (RunAuditView.SkipGroup g : skips)
                    b.append("<li class=\"skip\">").append(g.count()).append(" × ").append(Html.esc(g.action())).append(": ")
                            .append(Html.esc(g.reason())).append(" (e.g. ").append(Html.esc(g.samples().mkString(", "))).append(")</li>");
                b.append("</ul>");
            }
            b.append("</details>");
        }
        return b.append("</div>").toString();
    }
}
