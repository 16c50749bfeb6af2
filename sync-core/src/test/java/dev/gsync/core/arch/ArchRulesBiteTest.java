package dev.gsync.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The allowlist must catch a leak, or it checks nothing. */
class ArchRulesBiteTest {

    @Test
    void the_allowlist_reports_a_core_class_that_reaches_for_jdbc() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyPlanner.class);

        var result = CoreIsPlainJavaTest.CORE_USES_ONLY_THE_JDK_BASICS_VAVR_AND_SLF4J.evaluate(leaky);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("java.sql.Connection");
    }
}
