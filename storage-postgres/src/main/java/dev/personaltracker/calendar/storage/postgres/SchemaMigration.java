package dev.personaltracker.calendar.storage.postgres;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the library's schema with Flyway: the scripts {@code V1__...}, {@code V2__...} in this
 * package's {@code migration} folder, applied in order into the schema the host chose, with their own history table
 * ({@code flyway_schema_history} in that schema), so they never mix with the host's own migrations. Flyway takes a
 * database lock while migrating, so host instances starting at once apply each version once. A database already
 * migrated by a newer version of the library is accepted (its later versions are ignored).
 */
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    static final String LOCATION = "classpath:dev/personaltracker/calendar/storage/postgres/migration";

    private SchemaMigration() {
    }

    /**
     * Migrates the schema to the latest version, or to a target version (tests use it to build each earlier version).
     *
     * @param dataSource  the data source, not null
     * @param schema  the schema name, checked, not null
     * @param target  the version to stop at, empty for the latest
     * @return the schema's version afterwards, not null
     * @throws PostgresStoreException if the migration fails
     */
    static String migrate(DataSource dataSource, String schema, Optional<String> target) {
        try {
            var config = Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations(LOCATION)
                    .ignoreMigrationPatterns("*:future")
                    .cleanDisabled(true);
            target.ifPresent(v -> config.target(MigrationVersion.fromVersion(v)));
            Flyway flyway = config.load();
            MigrateResult result = flyway.migrate();
            String version = Optional.ofNullable(flyway.info().current()).map(m -> m.getVersion().getVersion()).orElse("0");
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated the PostgreSQL schema {} from version {} to {} ({} migrations)", schema,
                        Optional.ofNullable(result.initialSchemaVersion).orElse("0 (empty)"), version, result.migrationsExecuted);
            } else {
                LOG.debug("The PostgreSQL schema {} is at version {}", schema, version);
            }
            return version;
        } catch (FlywayException e) {
            throw new PostgresStoreException("Could not create or migrate the PostgreSQL schema " + schema + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check that the database is reachable and"
                    + " that its user may create the schema and tables (or create the schema " + schema + " and grant it)", null, e);
        }
    }
}
