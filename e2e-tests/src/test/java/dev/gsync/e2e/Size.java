package dev.gsync.e2e;

/**
 * How big the scenarios are. {@code small} (the default, `mvn -B verify`): scenarios 1, 3 and 5 at CI size, within
 * the module's CI budget. {@code full}: every scenario at CI size. {@code large}: every scenario at full size
 * (`mvn -B verify -pl e2e-tests -am -De2e.size=large`, docs/reliability.md).
 */
record Size(String name, int events, int tasks, int kills, int users) {
    static final Size SMALL = new Size("small", 300, 20, 5, 10);
    static final Size FULL = new Size("full", 300, 20, 5, 10);
    static final Size LARGE = new Size("large", 5000, 200, 50, 10);

    static Size current() {
        return switch (System.getProperty("e2e.size", "small")) {
            case "large" -> LARGE;
            case "full" -> FULL;
            default -> SMALL;
        };
    }

    /** Scenarios 2, 4, 6 and 7 (one to two minutes each on a loaded 2-core machine) run with full and large only. */
    static void assumeEveryScenario() {
        org.junit.jupiter.api.Assumptions.assumeTrue(current() != SMALL,
                "run with -De2e.size=full (CI sizes) or -De2e.size=large: docs/reliability.md");
    }

    boolean isSmall() { return this != LARGE; }
}
