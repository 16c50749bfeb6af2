package dev.gsync.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** sync-core builds and tests without Google, JPA, EclipseLink, Guice, JDBC, HTTP or any adapter. */
@AnalyzeClasses(packages = "dev.gsync.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsPlainJavaTest {

    /** An allowlist: a renamed or misspelt package fails loudly instead of silently allowing everything. */
    static final ArchRule CORE_USES_ONLY_THE_JDK_BASICS_VAVR_AND_SLF4J = classes()
            .that().resideInAPackage("dev.gsync.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.gsync.core..", "java.lang..", "java.util..", "java.time..",
                    "java.nio.charset..",           // UTF-8 bytes for fingerprints
                    "io.vavr..", "org.slf4j")
            .because("the core must build and test without Google, JPA, Guice, I/O or any adapter");

    @ArchTest
    static final ArchRule core_uses_only_the_jdk_basics_vavr_and_slf4j = CORE_USES_ONLY_THE_JDK_BASICS_VAVR_AND_SLF4J;

    @ArchTest
    static final ArchRule core_never_reads_the_wall_clock = noClasses()
            .that().resideInAPackage("dev.gsync.core..")
            .should().callMethod(Instant.class, "now").orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalDate.class, "now").orShould().callMethod(System.class, "currentTimeMillis")
            .because("time arrives as a Clock or as data, so every plan is reproducible");

    @ArchTest
    static final ArchRule the_planner_does_no_io = noClasses()
            .that().resideInAPackage("dev.gsync.core.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gsync.core.run..", "dev.gsync.core.memory..", "org.slf4j..")
            .because("the planner is a pure function from changes and links to a plan");
}
