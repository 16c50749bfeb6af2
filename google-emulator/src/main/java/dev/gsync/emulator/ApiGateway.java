package dev.gsync.emulator;

import dev.gsync.emulator.Router.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * What every API call goes through, alone or inside a batch: route, count, authenticate, check scopes,
 * charge quota, apply armed faults, then run the handler while holding the state's monitor.
 */
final class ApiGateway {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    private static final String AUTH = "https://www.googleapis.com/auth/";
    private static final Set<String> CALENDAR_LIST = scopes("calendar", "calendar.readonly", "calendar.calendarlist",
            "calendar.calendarlist.readonly");
    private static final Set<String> CALENDARS_MANAGE = scopes("calendar", "calendar.app.created");
    private static final Set<String> CALENDAR_READ = scopes("calendar", "calendar.readonly", "calendar.events",
            "calendar.events.readonly", "calendar.events.owned", "calendar.events.owned.readonly", "calendar.app.created");
    private static final Set<String> CALENDAR_WRITE = scopes("calendar", "calendar.events", "calendar.events.owned",
            "calendar.app.created");
    private static final Set<String> TASKS_READ = scopes("tasks", "tasks.readonly");
    private static final Set<String> TASKS_WRITE = scopes("tasks");

    private final EmulatorState state;
    private final Router router;
    private final Grants grants;
    private final Quota quota;
    private final Faults faults;
    private final EmulatorStats stats;

    ApiGateway(EmulatorState state, Router router, Grants grants, Quota quota, Faults faults, EmulatorStats stats) {
        this.state = state;
        this.router = router;
        this.grants = grants;
        this.quota = quota;
        this.faults = faults;
        this.stats = stats;
    }

    ApiResponse call(ApiRequest request) {
        try {
            Router.Match match = router.match(request.method, request.path);
            if (match == null) {
                stats.call(null, "unknown");
                throw GoogleError.notFound();
            }
            String token = request.bearerToken();
            Grants.Grant grant = token == null ? null : grants.authenticate(token, state.now());
            stats.call(grant == null ? null : grant.user, match.route().operation());
            if (token == null) throw GoogleError.loginRequired();
            if (grant == null) throw GoogleError.authError();
            if (!allowed(match.route().access(), grant.scopes)) throw GoogleError.insufficientPermissions();
            try {
                quota.charge(grant.user, match.route().cost(), state.now());
            } catch (GoogleError refused) {
                stats.quotaRejections.incrementAndGet();
                throw refused;
            }
            if (faults.isOverQuota(grant.user)) {
                stats.quotaRejections.incrementAndGet();
                throw GoogleError.quotaExceeded();
            }
            GoogleError fault = faults.nextError(request.method, request.path);
            if (fault != null) {
                stats.injectedFaults.incrementAndGet();
                throw fault;
            }
            synchronized (state) {
                Account account = state.account(grant.user);
                return match.route().handler().handle(new Call(request, match.params(), account, state));
            }
        } catch (GoogleError error) {
            return error.toResponse();
        } catch (RuntimeException bug) {
            LOG.error("emulator failed on {} {}", request.method, request.path, bug);
            return GoogleError.backendError(500).toResponse();
        }
    }

    private static boolean allowed(Access access, Set<String> granted) {
        Set<String> enough = switch (access) {
            case CALENDAR_LIST -> CALENDAR_LIST;
            case CALENDARS_MANAGE -> CALENDARS_MANAGE;
            case CALENDAR_READ -> CALENDAR_READ;
            case CALENDAR_WRITE -> CALENDAR_WRITE;
            case TASKS_READ -> TASKS_READ;
            case TASKS_WRITE -> TASKS_WRITE;
        };
        return granted.stream().anyMatch(enough::contains);
    }

    private static Set<String> scopes(String... names) {
        return java.util.Arrays.stream(names).map(n -> AUTH + n).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
