package dev.gsync.state;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.sessions.Session;

/**
 * Puts the configured prefix in front of every mapped table name, so the rows map to {@code gsync_link} and the
 * like; the migrations create the same names through the Flyway placeholder {@code ${prefix}}.
 */
final class TablePrefix implements SessionCustomizer {
    private final String prefix;

    TablePrefix(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void customize(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            // the descriptor's table objects are shared with its field mappings, so renaming them renames everywhere
            for (DatabaseTable table : descriptor.getTables()) {
                if (!table.getName().startsWith(prefix)) table.setName(prefix + table.getName());
            }
        }
    }
}
