package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VTQL literals cannot break out of their quotes, whatever the text: checked through a real HTTP round trip against
 * the fake, which reads literals with MySQL's rules as vtiger's pasted SQL would be read.
 */
class VtqlProperties {
    private static FakeVtiger vtiger;
    private static VtigerWebservice ws;
    private static final List<String> DECOYS = List.of("x", "x' OR '1'='1", "\\", "a;b", "'; DELETE FROM vtiger_crmentity; --", "%", "_");

    @BeforeContainer
    static void start() {
        vtiger = Fixtures.vtiger();
        ws = new VtigerWebservice(Fixtures.settings(vtiger), new VtigerUser("alice", AccessKey.of(Fixtures.ALICE_KEY)));
        for (String d : DECOYS) vtiger.insertRaw(1, d, "about " + d);
    }

    @AfterContainer
    static void stop() {
        vtiger.close();
    }

    @Provide
    Arbitrary<String> nasty() {
        return Arbitraries.strings().withChars("ab'\"\\;%_-#()=<> \n\tOR1é中").ofMinLength(1).ofMaxLength(24);
    }

    @Property(tries = 150)
    void an_equality_literal_matches_exactly_the_records_holding_that_text(@ForAll("nasty") String text) {
        String id = vtiger.insertRaw(1, text, "");

        List<String> found = ids("SELECT id FROM Events WHERE subject = " + Vtql.literal(text) + ";");
        vtiger.rec(id).deleted = true;          // keep the table small: a query answers 100 rows at most

        List<String> expected = new ArrayList<>();
        vtiger.records.values().forEach(r -> {
            if ((!r.deleted || ("18x" + r.crmid).equals(id)) && r.fields.get("subject").toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) expected.add("18x" + r.crmid);
        });
        assertThat(found).contains(id).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Property(tries = 100)
    void a_like_pattern_finds_the_text_literally(@ForAll("nasty") String text) {
        String id = vtiger.insertRaw(1, "like", "before " + text + " after");

        List<String> found = ids("SELECT id FROM Events WHERE description LIKE " + Vtql.containing(text) + ";");
        vtiger.rec(id).deleted = true;

        List<String> expected = new ArrayList<>();
        vtiger.records.values().forEach(r -> {
            if ((!r.deleted || ("18x" + r.crmid).equals(id)) && r.fields.get("description").toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) expected.add("18x" + r.crmid);
        });
        assertThat(found).contains(id).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Example
    void quoting_only_the_quotes_would_let_a_backslash_open_the_query_up() {
        String attack = "x\\' OR 1=1 #";
        String naive = "'" + attack.replace("'", "''") + "'";

        assertThat(ids("SELECT id FROM Events WHERE subject = " + naive + ";")).as("the fake can tell").hasSizeGreaterThan(1);
        assertThat(ids("SELECT id FROM Events WHERE subject = " + Vtql.literal(attack) + ";")).isEmpty();
    }

    @Example
    void the_empty_string_cannot_be_written_in_vtql() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Vtql.literal("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> ids(String vtql) {
        JsonNode rows = ws.get("query", Map.of("query", vtql)).getOrElseThrow(e -> new AssertionError(e.describe() + " for " + vtql));
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("id").asText()));
        return out;
    }
}
