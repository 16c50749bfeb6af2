package dev.gsync.vtiger.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake webservice for tests outside this module (the transport parity and switch tests): records are read and
 * put as the database holds them, by crmid, under vtiger's webservice field names ({@code reminder_time} in minutes,
 * {@code assigned_user_id} as a webservice id).
 */
public final class WebserviceFake implements AutoCloseable {
    private final FakeVtiger vtiger = new FakeVtiger();

    public WebserviceFake user(int id, String name, String accessKey, String timeZone) {
        vtiger.user(id, name, accessKey, timeZone);
        return this;
    }

    public VtigerRestCalendar calendarOf(String userName, String accessKey) {
        return new VtigerRestCalendar(VtigerRestSettings.defaults(vtiger.endpoint()).withRetries(2, Duration.ofMillis(5)),
                new VtigerUser(userName, AccessKey.of(accessKey)));
    }

    public String userWsId(int id) {
        return vtiger.userWsId(id);
    }

    /** Every live record: crmid to its stored fields. */
    public synchronized Map<Long, Map<String, String>> rows() {
        Map<Long, Map<String, String>> out = new TreeMap<>();
        vtiger.records.values().stream().filter(r -> !r.deleted).forEach(r -> out.put(r.crmid, new LinkedHashMap<>(r.fields)));
        return out;
    }

    /** Stores a record as given (as a database copy would), replacing one with that crmid; the id sequence moves past it. */
    public synchronized void put(long crmid, Map<String, String> fields) {
        FakeVtiger.Rec r = new FakeVtiger.Rec(crmid);
        r.fields.putAll(fields);
        r.modified = vtiger.clock.get();
        vtiger.records.put(crmid, r);
        vtiger.moveSequencePast(crmid);
    }

    public void clear() {
        vtiger.records.clear();
    }

    public void advance(Duration d) {
        vtiger.advance(d);
    }

    @Override
    public void close() {
        vtiger.close();
    }
}
