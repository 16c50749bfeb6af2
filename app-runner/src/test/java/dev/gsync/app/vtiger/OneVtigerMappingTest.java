package dev.gsync.app.vtiger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vtiger's semantics live in vtiger-mapping; the two transports only move rows. So no transport class makes a
 * CalendarItem, an Attendee or a to-do's due timing itself, maps statuses or visibility, or decodes stored text:
 * a second reading of a record would let the transports disagree again.
 */
class OneVtigerMappingTest {
    static final String[] TRANSPORTS = {"dev.gsync.vtiger.jdbc..", "dev.gsync.vtiger.rest.."};

    static final ArchRule transports_do_not_map_records_themselves = noClasses()
            .that().resideInAnyPackage(TRANSPORTS)
            .should().callConstructor(CalendarItem.class, dev.gsync.core.model.ItemKind.class, String.class, String.class, String.class,
                    Timing.class, Visibility.class, ItemStatus.class, dev.gsync.core.model.Recurrence.class, io.vavr.control.Option.class,
                    io.vavr.collection.Seq.class, io.vavr.collection.Seq.class)
            .orShould().callMethod(CalendarItem.class, "event", String.class, Timing.class)
            .orShould().callMethod(CalendarItem.class, "task", String.class, Timing.Due.class)
            .orShould().callConstructor(Attendee.class, String.class, io.vavr.control.Option.class, Attendee.Response.class)
            .orShould().callConstructor(Timing.Due.class, java.time.LocalDate.class, io.vavr.control.Option.class)
            .orShould().dependOnClassesThat().areAssignableTo(ItemStatus.class)
            .orShould().dependOnClassesThat().areAssignableTo(Visibility.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jsoup.parser.Parser")
            .because("vtiger's semantics (items, statuses, visibility, text, invitees) are in dev.gsync.vtiger.mapping, shared by both transports");

    static JavaClasses production() {
        // the adapters' test jars are on this class path too: only their production classes count
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("dev.gsync.vtiger");
    }

    @Test
    void the_transports_leave_vtigers_semantics_to_the_shared_mapping() {
        JavaClasses classes = production();
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals("dev.gsync.vtiger.jdbc"))).isTrue();
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals("dev.gsync.vtiger.rest"))).isTrue();

        transports_do_not_map_records_themselves.check(classes);
    }

    @Test
    void the_rule_bites() {
        assertThat(transports_do_not_map_records_themselves.evaluate(new ClassFileImporter().importClasses(
                dev.gsync.vtiger.rest.archfixture.MapsStatusItself.class)).hasViolation()).isTrue();
    }
}
