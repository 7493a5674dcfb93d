package dev.preflight.checks.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which files configure the deployed application, as opposed to development, tests and templates. */
final class LogConfigFiles {
    private static final Pattern NOT_PRODUCTION = Pattern.compile(
            "(^|[/._-])(dev|devel|develop|development|local|test|tests|testing|spec|example|examples|sample|template|override|ci|conftest)([/._-]|$)");

    private LogConfigFiles() {
    }

    static boolean production(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return !NOT_PRODUCTION.matcher(lower).find() && !name.startsWith("test_") && !name.equals(".env");
    }

    /** Files whose text can set a log level or a log destination. */
    static boolean relevant(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".py") || name.endsWith(".js") || name.endsWith(".ts") || name.endsWith(".mjs") || name.endsWith(".go")
                || name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties") || name.endsWith(".xml")
                || name.endsWith(".ini") || name.endsWith(".conf") || name.endsWith(".cfg") || name.endsWith(".sh") || name.endsWith(".service")
                || name.equals("procfile") || name.equals("dockerfile") || name.startsWith("dockerfile.") || name.startsWith(".env.")
                || name.endsWith(".toml");
    }
}
