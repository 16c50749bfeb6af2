package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.vtiger.VtigerLinks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** vtiger's side of gsync: the "Google Sync" link in vtiger's menu that leads users to gsync's sign-in page. */
@Command(name = "vtiger", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync vtiger install-link", "  gsync vtiger install-link --url https://gsync.example.com/signin", "  gsync vtiger uninstall-link"},
        description = "Add or remove the \"Google Sync\" link in vtiger's user menu (a vtiger_links row; needs crm.adapter=jdbc).",
        subcommands = {VtigerCommand.InstallLink.class, VtigerCommand.UninstallLink.class})
public final class VtigerCommand {
    @ParentCommand GsyncCommand parent;

    /** Runs {@code work} on vtiger's links table of the assembled runner's CRM; prints the problem (exit 2) otherwise. */
    int withLinks(java.util.function.BiFunction<VtigerLinks, AppConfig, Integer> work) throws Exception {
        var loaded = parent.config();
        if (loaded.isLeft()) {
            System.err.println(loaded.getLeft());
            return ExitCode.USAGE;
        }
        if (!loaded.get().get(ConfigKey.CRM_ADAPTER).equals("jdbc")) {
            System.err.println(ConfigKey.CRM_ADAPTER.key() + ": the link is written into vtiger's database, which needs crm.adapter=jdbc");
            return ExitCode.USAGE;
        }
        try (dev.gsync.app.Services services = parent.assemble(loaded.get())) {
            AppConfig config = services.config();
            var url = config.required(ConfigKey.CRM_JDBC_URL);
            if (url.isLeft()) {
                System.err.println(url.getLeft());
                return ExitCode.USAGE;
            }
            // the database from the assembled runner, the public address from the configuration as loaded
            return work.apply(new VtigerLinks(url.get(), config.get(ConfigKey.CRM_JDBC_USER), config.get(ConfigKey.CRM_JDBC_PASSWORD)), loaded.get());
        }
    }

    static String signInPage(AppConfig config) {
        String base = config.get(ConfigKey.WEB_BASE_URL);
        return (base.isBlank() ? "http://" + config.get(ConfigKey.WEB_BIND) + ":" + config.get(ConfigKey.WEB_PORT) : base.replaceAll("/+$", "")) + "/signin";
    }

    @Command(name = "install-link", mixinStandardHelpOptions = true,
            description = "Add the \"Google Sync\" link (to gsync's sign-in page) to vtiger's user menu; running it again changes nothing.")
    static final class InstallLink implements Callable<Integer> {
        @ParentCommand VtigerCommand vtiger;

        @Option(names = "--url", paramLabel = "URL", description = "Where the link points (default: web.baseUrl + /signin).")
        String url;

        @Override
        public Integer call() throws Exception {
            return vtiger.withLinks((links, config) -> {
                String target = url != null ? url : signInPage(config);
                return links.install(target).fold(
                        problem -> { System.err.println(problem); return ExitCode.FAILED; },
                        id -> { System.out.println("\"" + VtigerLinks.LABEL + "\" link " + id + " in vtiger's user menu -> " + target); return ExitCode.OK; });
            });
        }
    }

    @Command(name = "uninstall-link", mixinStandardHelpOptions = true, description = "Remove the \"Google Sync\" link from vtiger's user menu.")
    static final class UninstallLink implements Callable<Integer> {
        @ParentCommand VtigerCommand vtiger;

        @Override
        public Integer call() throws Exception {
            return vtiger.withLinks((links, config) -> links.uninstall().fold(
                    problem -> { System.err.println(problem); return ExitCode.FAILED; },
                    removed -> { System.out.println(removed == 0 ? "No \"" + VtigerLinks.LABEL + "\" link was installed." : "Removed the \"" + VtigerLinks.LABEL + "\" link."); return ExitCode.OK; }));
        }
    }
}
