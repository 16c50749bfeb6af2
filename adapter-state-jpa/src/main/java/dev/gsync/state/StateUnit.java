package dev.gsync.state;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import org.eclipse.persistence.jpa.PersistenceProvider;

import javax.sql.DataSource;
import java.net.URL;
import java.util.List;
import java.util.Properties;

/**
 * The persistence unit, described in code: no persistence.xml to be found (or shadowed by another module's) on
 * the class path, and exactly these row classes.
 */
final class StateUnit implements PersistenceUnitInfo {
    static final List<Class<?>> ROWS = List.of(SettingsRow.class, CursorRow.class, LinkRow.class, PendingRow.class,
            CredentialRow.class, UserStatusRow.class, RunRow.class, HeldDeletionRow.class, AppliedScopeRow.class);

    @Override public String getPersistenceUnitName() { return "gsync-state"; }
    @Override public String getPersistenceProviderClassName() { return PersistenceProvider.class.getName(); }
    @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
    @Override public DataSource getJtaDataSource() { return null; }
    @Override public DataSource getNonJtaDataSource() { return null; }
    @Override public List<String> getMappingFileNames() { return List.of(); }
    @Override public List<URL> getJarFileUrls() { return List.of(); }
    @Override public URL getPersistenceUnitRootUrl() { return StateUnit.class.getProtectionDomain().getCodeSource().getLocation(); }
    @Override public List<String> getManagedClassNames() { return ROWS.stream().map(Class::getName).toList(); }
    @Override public boolean excludeUnlistedClasses() { return true; }
    @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
    @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
    @Override public Properties getProperties() { return new Properties(); }
    @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
    @Override public ClassLoader getClassLoader() { return StateUnit.class.getClassLoader(); }
    @Override public void addTransformer(ClassTransformer transformer) { }
    @Override public ClassLoader getNewTempClassLoader() { return StateUnit.class.getClassLoader(); }
}
