package dev.gsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Rows for docs/reliability.md, appended to target/e2e-figures.md as each scenario ends (with the size it ran at). */
final class Figures {
    private Figures() {}

    static synchronized void row(String scenario, String repetitions, int duplicates, int lost, int unrecovered, String notes) {
        String line = "| " + scenario + " (" + Size.current().name() + ") | " + repetitions + " | " + duplicates + " | " + lost + " | "
                + unrecovered + " | " + notes + " |\n";
        System.out.print("E2E FIGURES " + line);
        try {
            Path file = Path.of("target", "e2e-figures.md");
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
