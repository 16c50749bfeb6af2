package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import net.jqwik.api.Example;

import static org.assertj.core.api.Assertions.assertThat;

class VtigerStatusesTest {

    @Example
    void every_status_vtiger_holds_reads_back_as_it_was_written() {
        for (ItemKind kind : ItemKind.values())
            for (ItemStatus status : ItemStatus.values())
                if (status.fits(kind) && status != ItemStatus.TENTATIVE)
                    assertThat(VtigerStatuses.read(kind, VtigerStatuses.write(kind, status, ""))).as("%s %s", kind, status).isEqualTo(status);
    }

    @Example
    void tentative_is_stored_as_planned_and_a_custom_value_is_kept_while_it_means_the_default() {
        assertThat(VtigerStatuses.write(ItemKind.EVENT, ItemStatus.TENTATIVE, "")).isEqualTo("Planned");
        assertThat(VtigerStatuses.write(ItemKind.TASK, ItemStatus.OPEN, "Waiting for customer")).isEqualTo("Waiting for customer");
        assertThat(VtigerStatuses.write(ItemKind.TASK, ItemStatus.COMPLETED, "Waiting for customer")).isEqualTo("Completed");
        assertThat(VtigerStatuses.write(ItemKind.TASK, ItemStatus.OPEN, "In Progress")).isEqualTo("Not Started");
    }
}
