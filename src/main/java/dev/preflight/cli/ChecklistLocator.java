package dev.preflight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the checklist when none is named: the config's, else a usual file name in the current directory. */
final class ChecklistLocator {
    static final List<String> USUAL_NAMES = List.of("PRODUCTION_CHECKLIST.md", "production-checklist.md",
            "DEPLOYMENT_CHECKLIST.md", "CHECKLIST.md", "checklist.md");

    private ChecklistLocator() {
    }

    static Path locate(Path given, String fromConfig) {
        if (given != null) {
            return given;
        }
        if (fromConfig != null) {
            return Path.of(fromConfig);
        }
        for (String name : USUAL_NAMES) {
            if (Files.isRegularFile(Path.of(name))) {
                return Path.of(name);
            }
        }
        throw new UserError("no checklist given, and none of " + String.join(", ", USUAL_NAMES)
                + " is in the current directory");
    }
}
