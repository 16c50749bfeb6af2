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

    /** The URL of its webservice.php (127.0.0.1, a free port), for a runner configured with crm.adapter=rest. */
    public java.net.URI endpoint() {
        return vtiger.endpoint();
    }

    /** Sets the fake's clock (modifiedtime of the next writes); e.g. to the wall clock, for a process that runs in real time. */
    public void setClock(java.time.Instant now) {
        vtiger.clock.set(now.getEpochSecond());
    }

    public String userWsId(int id) {
        return vtiger.userWsId(id);
    }

    /** Every live record: crmid to its stored fields. Safe while requests are served (it holds the fake's lock). */
    public Map<Long, Map<String, String>> rows() {
        Map<Long, Map<String, String>> out = new TreeMap<>();
        synchronized (vtiger) {
            vtiger.records.values().stream().filter(r -> !r.deleted).forEach(r -> out.put(r.crmid, new LinkedHashMap<>(r.fields)));
        }
        return out;
    }

    /** Stores a record as given (as a database copy would), replacing one with that crmid; the id sequence moves past it. */
    public void put(long crmid, Map<String, String> fields) {
        FakeVtiger.Rec r = new FakeVtiger.Rec(crmid);
        r.fields.putAll(fields);
        r.modified = vtiger.clock.get();
        synchronized (vtiger) {   // the lock FakeVtiger's request handler holds
            vtiger.records.put(crmid, r);
            vtiger.moveSequencePast(crmid);
        }
    }

    /** As vtiger's UI deletes a record: marked deleted, modifiedtime moved (the sync operation then lists its id as deleted). */
    public void deleteInUi(long crmid) {
        synchronized (vtiger) {
            FakeVtiger.Rec r = vtiger.records.get(crmid);
            if (r == null) throw new IllegalArgumentException("no record " + crmid);
            vtiger.deleteInUi(Long.toString(crmid), 1);
        }
    }

    /** As if the record were saved through vtiger's edit form (its HTML purifier drops HTML comments from the description). */
    public void saveInUi(long crmid, Map<String, String> values, int userId) {
        vtiger.saveInUi(Long.toString(crmid), values, userId);
    }

    public void clear() {
        synchronized (vtiger) {
            vtiger.records.clear();
        }
    }

    public void advance(Duration d) {
        vtiger.advance(d);
    }

    @Override
    public void close() {
        vtiger.close();
    }
}
