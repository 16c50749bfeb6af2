package dev.gsync.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.vavr.collection.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adapters never depend on each other and nothing depends on the runner. The production classes of every module
 * are on this module's class path, so the rules see them all; each rule is also shown to bite.
 */
class ArchitectureTest {
    /** Every adapter's package: {@link #every_adapter_package_is_there} fails on a rename instead of the rules passing. */
    static final List<String> ADAPTERS = List.of("dev.gsync.google", "dev.gsync.vtiger.jdbc", "dev.gsync.vtiger.rest", "dev.gsync.state", "dev.gsync.emulator");

    static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        // the compiled classes of every module of this build, read from their directories: no scan of the libraries
        java.util.List<java.nio.file.Path> modules = new java.util.ArrayList<>();
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of(".."))) {
            dirs.map(d -> d.resolve("target").resolve("classes")).filter(java.nio.file.Files::isDirectory).forEach(modules::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(modules);
    }

    /** One rule per adapter: it may not use any other adapter. */
    static ArchRule adapterStaysAlone(String adapter) {
        String[] others = ADAPTERS.remove(adapter).map(p -> p + "..").toJavaArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("an adapter talks to the core's ports only; app-runner alone puts adapters together");
    }

    static final ArchRule nothing_depends_on_the_runner = noClasses()
            .that().resideOutsideOfPackage("dev.gsync.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.gsync.app..")
            .because("the runner is the outermost layer: core and adapters must build without it");

    @Test
    void every_adapter_package_is_there() {
        for (String adapter : ADAPTERS)
            assertThat(all.stream().anyMatch(c -> c.getPackageName().startsWith(adapter))).as(adapter).isTrue();
    }

    @Test
    void adapters_never_depend_on_each_other() {
        for (String adapter : ADAPTERS) adapterStaysAlone(adapter).check(all);
    }

    @Test
    void nothing_outside_app_runner_depends_on_it() {
        nothing_depends_on_the_runner.check(all);
    }

    @Test
    void the_rules_bite() {
        assertThat(nothing_depends_on_the_runner.evaluate(new ClassFileImporter().importClasses(
                dev.gsync.archfixture.UsesTheRunner.class, Outcome.class)).hasViolation()).isTrue();
        assertThat(adapterStaysAlone("dev.gsync.google").evaluate(new ClassFileImporter().importClasses(
                dev.gsync.google.archfixture.GoogleUsesState.class, dev.gsync.state.StateConfig.class)).hasViolation()).isTrue();
    }
}
