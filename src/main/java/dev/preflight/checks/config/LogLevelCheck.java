package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;

/**
 * The log level the production configuration sets is not DEBUG (or TRACE), and is the level the
 * item names when it names one. Debug logging in production leaks request bodies, tokens and SQL
 * into logs and costs disk and CPU.
 */
@CheckInfo(id = "config.log-level", title = "Production log level is not debug, and is what the item asks", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\blog(ging)? levels?\\b", "LOG_LEVEL"})
public final class LogLevelCheck implements Check {

    /** One place that sets a level; {@code level} is upper case ("DEBUG"); a Spring {@code debug=true} reads as DEBUG. */
    record Setting(String path, int line, String level, String excerpt) {
    }

    private static final List<Pattern> SETTINGS = List.of(
            // Django LOGGING and dictConfig: 'level': 'DEBUG'
            Pattern.compile("['\"]level['\"]\\s*:\\s*['\"](\\w+)['\"]"),
            // logging.basicConfig(level=logging.DEBUG) / level="DEBUG"
            Pattern.compile("basicConfig\\([^)]*level\\s*=\\s*(?:logging\\.)?['\"]?(\\w+)"),
            // os.environ.get("LOG_LEVEL", "debug"): the default applies when production does not set it
            Pattern.compile("(?:getenv|environ\\.get|process\\.env\\.\\w*LOG_?LEVEL\\s*\\|\\|)\\s*\\(?\\s*(?:['\"]\\w*LOG_?LEVEL['\"]\\s*,\\s*)?['\"](\\w+)['\"]", Pattern.CASE_INSENSITIVE),
            // LOG_LEVEL=debug, LOG_LEVEL: debug, ENV LOG_LEVEL debug, - LOG_LEVEL=debug
            Pattern.compile("(?i)\\b\\w*LOG_?LEVEL['\"]?\\s*(?:[:=]|\\s)\\s*['\"]?([A-Za-z]+)\\b"),
            // gunicorn / uvicorn: --log-level debug, loglevel = "debug", log_level="debug"
            Pattern.compile("--log-level[= ]+['\"]?(\\w+)"),
            Pattern.compile("\\blog_?level\\s*=\\s*['\"](\\w+)['\"]", Pattern.CASE_INSENSITIVE),
            // Spring Boot: logging.level.root=DEBUG (properties) or root: DEBUG under logging.level (yml)
            Pattern.compile("^\\s*logging\\.level\\.root\\s*[=:]\\s*(\\w+)"),
            Pattern.compile("^\\s+root:\\s*(\\w+)\\s*$"),
            Pattern.compile("^\\s*(debug|trace)\\s*[=:]\\s*true\\s*$"),
            // winston / pino / bunyan: level: 'debug'
            Pattern.compile("\\blevel:\\s*['\"](\\w+)['\"]"));

    private static final Pattern ITEM_LEVEL = Pattern.compile("\\b(INFO|WARNING|WARN|ERROR|CRITICAL)\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Setting> settings = settings(repo);
        Optional<String> asked = asked(context.itemText());
        if (settings.isEmpty()) {
            if (repo.stack().components().isEmpty()) {
                return Outcome.notApplicable("no application or log configuration in the repository (stack: " + repo.stack().describe() + ")");
            }
            String fix = "Set the level explicitly for production, from the environment with a safe default: "
                    + "LOG_LEVEL=" + asked.orElse("INFO") + " in the deployment's environment and "
                    + "level=os.environ.get('LOG_LEVEL', 'INFO') (or the framework's equivalent) in the code.";
            return asked.isPresent()
                    ? Outcome.fail("no production configuration sets the log level; the item asks " + asked.get(), fix)
                    : Outcome.warn("no production configuration sets the log level; the framework defaults apply (stack: "
                    + repo.stack().describe() + ")", fix, List.of());
        }
        List<Evidence> tooVerbose = new ArrayList<>();
        List<Evidence> quieter = new ArrayList<>();
        int wanted = asked.map(LogLevelCheck::rank).orElse(rank("INFO"));
        for (Setting s : settings) {
            Evidence e = new Evidence.FileLine(s.path(), s.line(), s.excerpt());
            int r = rank(s.level());
            if (r <= rank("DEBUG") || asked.isPresent() && r < wanted) {
                tooVerbose.add(e);
            } else if (asked.isPresent() && r > wanted) {
                quieter.add(e);
            }
        }
        List<Evidence> all = settings.stream().map(s -> (Evidence) new Evidence.FileLine(s.path(), s.line(), s.excerpt())).toList();
        if (!tooVerbose.isEmpty()) {
            return Outcome.fail(tooVerbose.size() == 1 ? "production log level is too verbose: " + tooVerbose.getFirst().describe()
                            : tooVerbose.size() + " production settings log at a level more verbose than " + asked.orElse("INFO"),
                    "Set the production level to " + asked.orElse("INFO or WARNING") + " (from the environment: LOG_LEVEL), and keep DEBUG "
                            + "to development settings files (settings/dev.py, application-dev.yml, .env.development).", tooVerbose);
        }
        if (!quieter.isEmpty()) {
            return Outcome.warn(quieter.size() + " production setting(s) log at a quieter level than the " + asked.orElseThrow() + " the item asks",
                    "Set the level to " + asked.orElseThrow() + " if its messages are wanted in production.", quieter);
        }
        return Outcome.pass(settings.size() + " production log level setting(s), none more verbose than " + asked.orElse("INFO"), all);
    }

    /** The level the item names, if it names one; an item that names DEBUG names it to forbid it. */
    static Optional<String> asked(String itemText) {
        Matcher m = ITEM_LEVEL.matcher(itemText == null ? "" : itemText);
        return m.find() ? Optional.of(normal(m.group(1))) : Optional.empty();
    }

    static List<Setting> settings(RepoSnapshot repo) {
        List<Setting> out = new ArrayList<>();
        for (String f : repo.files()) {
            if (!LogConfigFiles.relevant(f) || !LogConfigFiles.production(f)) {
                continue;
            }
            String text = repo.read(f).orElse(null);
            if (text == null) {
                continue;
            }
            boolean spring = f.matches("(.*/)?application[-\\w]*\\.(properties|ya?ml)");
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.strip().startsWith("#") || line.strip().startsWith("//")) {
                    continue;
                }
                String level = levelIn(line, spring, i > 0 ? lines[i - 1] : "");
                if (level == null && line.matches("\\s*-?\\s*name:\\s*['\"]?\\w*LOG_?LEVEL['\"]?\\s*") && i + 1 < lines.length) {
                    // Kubernetes env: the value is on the next line.
                    Matcher v = Pattern.compile("^\\s*value:\\s*['\"]?(\\w+)").matcher(lines[i + 1]);
                    if (v.find() && isLevel(v.group(1))) {
                        out.add(new Setting(f, i + 2, normal(v.group(1)), line.strip() + " " + lines[i + 1].strip()));
                    }
                    continue;
                }
                if (level != null) {
                    out.add(new Setting(f, i + 1, level, line.strip()));
                }
            }
        }
        return out;
    }

    private static String levelIn(String line, boolean spring, String previous) {
        for (int p = 0; p < SETTINGS.size(); p++) {
            boolean springOnly = p >= 6 && p <= 8;
            if (springOnly && !spring || p == 7 && !previous.strip().startsWith("level:") && !previous.strip().equals("logging:")) {
                continue;
            }
            Matcher m = SETTINGS.get(p).matcher(line);
            if (m.find()) {
                String value = m.group(1);
                if (p == 8) {
                    return "DEBUG";
                }
                if (isLevel(value)) {
                    return normal(value);
                }
            }
        }
        return null;
    }

    private static boolean isLevel(String value) {
        return rank(normal(value)) >= 0;
    }

    private static String normal(String level) {
        String up = level.toUpperCase(Locale.ROOT);
        return up.equals("WARN") ? "WARNING" : up.equals("FATAL") ? "CRITICAL" : up;
    }

    /** Verbosity order; -1 for a word that is not a level. */
    static int rank(String level) {
        return switch (normal(level)) {
            case "TRACE", "SILLY", "VERBOSE" -> 0;
            case "DEBUG" -> 1;
            case "INFO", "HTTP", "NOTICE" -> 2;
            case "WARNING" -> 3;
            case "ERROR" -> 4;
            case "CRITICAL", "ALERT", "EMERG", "OFF" -> 5;
            default -> -1;
        };
    }
}
