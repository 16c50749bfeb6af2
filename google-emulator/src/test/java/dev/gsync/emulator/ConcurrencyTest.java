package dev.gsync.emulator;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
    @Test
    void parallel_writers_lose_nothing_and_every_write_gets_its_own_etag() throws Exception {
        try (GoogleEmulator google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota())) {
            EmulatedUser ann = google.user("parallel@example.com");
            Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    List<String> etags = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        Event e = calendar.events().insert("primary", GoogleClients.meeting("w" + writer + "-" + i, "2026-12-01T09:00:00Z")).execute();
                        etags.add(e.getEtag());
                        etags.add(calendar.events().patch("primary", e.getId(), new Event().setLocation("L" + i)).execute().getEtag());
                    }
                    return etags;
                }));
            }
            Set<String> etags = new HashSet<>();
            for (Future<List<String>> writer : writers) etags.addAll(writer.get(2, TimeUnit.MINUTES));
            pool.shutdown();

            Events all = calendar.events().list("primary").setMaxResults(2500).execute();

            assertThat(etags).hasSize(4 * 40 * 2);
            assertThat(all.getItems()).hasSize(160).allSatisfy(e -> assertThat(e.getLocation()).startsWith("L"));
            assertThat(google.stats().apiCalls()).isEqualTo(4 * 40 * 2 + 1);
        }
    }
}
