package dev.gsync.app.push;

import io.vavr.control.Either;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How push and the polling cadence are set up (keys push.*, scheduler.crmInterval, scheduler.pushPollInterval).
 *
 * @param enabled         push.enabled: ask Google for channels at all
 * @param baseUrl         web.baseUrl: where Google must reach `serve`; empty means push is impossible
 * @param allowHttp       push.allowHttp: accept an http:// base URL (the emulator; Google itself wants https)
 * @param channelTtl      push.channelTtl: lifetime asked for (Google may grant less)
 * @param renewBefore     push.renewBefore: a channel this close to its end is replaced
 * @param debounce        push.debounce: a notification wakes the user's sync this much later, so a burst is one run
 * @param confirmWithin   push.confirmWithin: without Google's "sync" message by then, the webhook counts as unreachable
 * @param googleInterval  scheduler.interval: Google polling for users without push, and for Tasks
 * @param pushPollInterval scheduler.pushPollInterval: Google safety-net polling for users whose events arrive by push
 * @param crmInterval     scheduler.crmInterval: how often the CRM feed is checked for changes (cheap with JDBC)
 */
public record PushSettings(boolean enabled, String baseUrl, boolean allowHttp, Duration channelTtl, Duration renewBefore,
                           Duration debounce, Duration confirmWithin, Duration googleInterval, Duration pushPollInterval,
                           Duration crmInterval) {
    public static final String WEBHOOK_PATH = "/push/google";

    public static PushSettings from(dev.gsync.app.config.AppConfig config) {
        String crm = config.get(dev.gsync.app.config.ConfigKey.SCHEDULER_CRM_INTERVAL);
        Duration crmInterval = !crm.isBlank() ? Duration.parse(crm)
                : "rest".equals(config.get(dev.gsync.app.config.ConfigKey.CRM_ADAPTER)) ? Duration.ofMinutes(5) : Duration.ofSeconds(10);
        Duration google = config.duration(dev.gsync.app.config.ConfigKey.SCHEDULER_INTERVAL);
        return new PushSettings(Boolean.parseBoolean(config.get(dev.gsync.app.config.ConfigKey.PUSH_ENABLED)),
                config.get(dev.gsync.app.config.ConfigKey.WEB_BASE_URL),
                Boolean.parseBoolean(config.get(dev.gsync.app.config.ConfigKey.PUSH_ALLOW_HTTP)),
                config.duration(dev.gsync.app.config.ConfigKey.PUSH_CHANNEL_TTL),
                config.duration(dev.gsync.app.config.ConfigKey.PUSH_RENEW_BEFORE),
                config.duration(dev.gsync.app.config.ConfigKey.PUSH_DEBOUNCE),
                config.duration(dev.gsync.app.config.ConfigKey.PUSH_CONFIRM_WITHIN),
                google,
                config.duration(dev.gsync.app.config.ConfigKey.SCHEDULER_PUSH_POLL_INTERVAL),
                crmInterval.compareTo(google) > 0 ? google : crmInterval);   // the CRM is never checked less often than Google
    }

    /** The same settings behind another base URL (the web server's own address when web.baseUrl is empty). */
    public PushSettings withBaseUrl(String url) {
        return new PushSettings(enabled, url, allowHttp, channelTtl, renewBefore, debounce, confirmWithin, googleInterval,
                pushPollInterval, crmInterval);
    }

    /** The webhook address Google is given, or why there is none. */
    public Either<String, URI> webhook() {
        if (!enabled) return Either.left("push is off (push.enabled=false)");
        if (baseUrl == null || baseUrl.isBlank()) return Either.left("no public web.baseUrl: Google cannot reach this server");
        URI base;
        try {
            base = URI.create(baseUrl.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            return Either.left("web.baseUrl is not a URL");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            return Either.left("web.baseUrl is not https: Google only delivers to https (push.allowHttp=true for the emulator)");
        }
        return Either.right(URI.create(base + WEBHOOK_PATH));
    }
}
