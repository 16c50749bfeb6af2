package dev.gsync.e2e;

/**
 * How big the scenarios are: {@code small} in CI (the whole module well under 3 minutes on 2 cores), {@code large}
 * with {@code mvn -B verify -pl e2e-tests -am -De2e.size=large} (docs/reliability.md).
 */
record Size(String name, int events, int tasks, int kills, int users) {
    static final Size SMALL = new Size("small", 300, 20, 5, 10);
    static final Size LARGE = new Size("large", 5000, 200, 50, 10);

    static Size current() {
        return "large".equals(System.getProperty("e2e.size", "small")) ? LARGE : SMALL;
    }
}
