package dev.preflight.collect.db;

/**
 * Through which server {@code backup.restore-drill} restores: {@code --restore-db} or the config's
 * {@code backup.restoreDb}, an administrative URL used only to create and drop the scratch database
 * (never the application's {@code --db}). The backups' directory reaches the drill as every backup
 * check's {@code location} parameter.
 *
 * @param admin null when none was given
 */
public record RestoreSettings(DatabaseUrl admin) {
    public static final RestoreSettings NONE = new RestoreSettings(null);
}
