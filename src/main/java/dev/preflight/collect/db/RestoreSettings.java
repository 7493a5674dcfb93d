package dev.preflight.collect.db;

/**
 * What {@code backup.restore-drill} restores and through which server: {@code --restore-db} or the
 * config's {@code backup.restoreDb}, an administrative URL used only to create and drop the scratch
 * database (never the application's {@code --db}), and the config's {@code backup.location}.
 *
 * @param admin    null when none was given
 * @param location the backups' directory on the host, or null (the item's words may name one)
 */
public record RestoreSettings(DatabaseUrl admin, String location) {
    public static final RestoreSettings NONE = new RestoreSettings(null, null);
}
