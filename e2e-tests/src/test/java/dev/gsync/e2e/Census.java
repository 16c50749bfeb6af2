package dev.gsync.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Counting after convergence: every seeded title on both sides, exactly once, nothing else. */
final class Census {
    private Census() {}

    /** The titles a user's seeds must have on both sides. */
    static final class Expected {
        final Set<String> events = new TreeSet<>();
        final Set<String> tasks = new TreeSet<>();

        @Override
        public String toString() { return events.size() + " events, " + tasks.size() + " tasks"; }
    }

    record Sides(List<String> crmEvents, List<String> crmTasks, List<String> googleEvents, List<String> googleTasks) {}

    /** Duplicates, lost items and unexpected items, per side. */
    record Count(int duplicates, int lost, int unexpected, List<String> examples) {
        static final Count ZERO = new Count(0, 0, 0, List.of());

        boolean clean() { return duplicates == 0 && lost == 0 && unexpected == 0; }

        Count plus(Count other) {
            List<String> ex = new ArrayList<>(examples);
            other.examples.stream().limit(Math.max(0, 10 - ex.size())).forEach(ex::add);
            return new Count(duplicates + other.duplicates, lost + other.lost, unexpected + other.unexpected, ex);
        }

        @Override
        public String toString() {
            return duplicates + " duplicates, " + lost + " lost, " + unexpected + " unexpected" + (examples.isEmpty() ? "" : " e.g. " + examples);
        }
    }

    static Count of(Expected expected, Sides sides) {
        return side("CRM events", expected.events, sides.crmEvents())
                .plus(side("CRM tasks", expected.tasks, sides.crmTasks()))
                .plus(side("Google events", expected.events, sides.googleEvents()))
                .plus(side("Google tasks", expected.tasks, sides.googleTasks()));
    }

    static Count side(String name, Set<String> expected, List<String> present) {
        Map<String, Integer> counts = new HashMap<>();
        present.forEach(t -> counts.merge(t, 1, Integer::sum));
        int duplicates = 0, lost = 0, unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (var e : counts.entrySet()) {
            if (e.getValue() > 1) {
                duplicates += e.getValue() - 1;
                if (examples.size() < 5) examples.add(name + " twice: " + e.getKey());
            }
            if (!expected.contains(e.getKey())) {
                unexpected++;
                if (examples.size() < 5) examples.add(name + " unexpected: " + e.getKey());
            }
        }
        for (String t : expected) {
            if (!counts.containsKey(t)) {
                lost++;
                if (examples.size() < 5) examples.add(name + " missing: " + t);
            }
        }
        return new Count(duplicates, lost, unexpected, examples);
    }
}
