package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.LinkSigner;
import dev.gsync.app.web.WebLinks;
import dev.gsync.core.model.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * Prints the URL that links a user's Google account. It points at `gsync serve` (any instance: started consents are
 * kept in the shared state database), which starts the consent when the link is opened: the signed link works for
 * web.linkTtl, while a Google consent URL printed here would be dead after ten minutes. Running it again re-issues both
 * links (the old ones keep working until their own lifetime ends).
 */
@Command(name = "connect", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync connect --user alice", "  GSYNC_WEB_BASE_URL=https://gsync.example.com gsync connect -u alice"},
        description = "Print (re-issue) the URL a user opens to link Google (served by `gsync serve`), and their settings page.")
public final class ConnectCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The CRM user to link.")
    String user;

    @Override
    public Integer call() {
        var loaded = parent.config();
        if (loaded.isLeft()) {
            System.err.println(loaded.getLeft());
            return ExitCode.USAGE;
        }
        AppConfig config = loaded.get();
        var key = config.required(ConfigKey.WEB_LINK_KEY);
        if (key.isLeft()) {
            System.err.println(key.getLeft());
            return ExitCode.USAGE;
        }
        String base = config.get(ConfigKey.WEB_BASE_URL);
        WebLinks links = new WebLinks(URI.create(base.isBlank()
                ? "http://" + config.get(ConfigKey.WEB_BIND) + ":" + config.get(ConfigKey.WEB_PORT) : base), new LinkSigner(key.get()),
                java.time.Clock.systemUTC());
        UserId who = UserId.of(user);
        System.out.println(links.connectLink(who));
        System.err.println("Open the URL above as " + who + " to link Google (gsync serve must be running). Settings page: " + links.userPage(who)
                + " (both links work for " + config.get(ConfigKey.WEB_LINK_TTL) + "; run this again for new ones)");
        return ExitCode.OK;
    }
}
