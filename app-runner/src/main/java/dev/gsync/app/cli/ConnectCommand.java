package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.LinkSigner;
import dev.gsync.app.web.PendingConsents;
import dev.gsync.app.web.WebLinks;
import dev.gsync.core.model.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.util.concurrent.Callable;

/** Prints the consent URL that links a user's Google account; `gsync serve` must be reachable for the callback. */
@Command(name = "connect", description = "Print the Google consent URL for a user (valid 30 minutes; `gsync serve` receives the answer).")
public final class ConnectCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The CRM user to link.")
    String user;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        var key = config.get().required(ConfigKey.WEB_LINK_KEY);
        if (key.isLeft()) {
            System.err.println(key.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            String base = config.get().get(ConfigKey.WEB_BASE_URL);
            WebLinks links = new WebLinks(URI.create(base.isBlank()
                    ? "http://" + config.get().get(ConfigKey.WEB_BIND) + ":" + config.get().get(ConfigKey.WEB_PORT) : base),
                    new LinkSigner(key.get()));
            PendingConsents consents = new PendingConsents(services.credentials(), services.clock(), CONSENT_LIFETIME);
            UserId who = UserId.of(user);
            var url = WebLinks.consentUrl(who, services.googleClient(), consents, services.accounts(), links.redirectUri());
            if (url.isLeft()) {
                System.err.println(url.getLeft());
                return ExitCode.USAGE;
            }
            System.out.println(url.get());
            System.err.println("Open the URL above as " + who + " to link Google (valid 30 minutes). Settings page: " + links.userPage(who));
            return ExitCode.OK;
        }
    }

    static final java.time.Duration CONSENT_LIFETIME = java.time.Duration.ofMinutes(30);
}
