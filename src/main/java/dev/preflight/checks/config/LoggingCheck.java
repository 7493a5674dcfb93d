package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * The application configures its logging, and writes where the item asks: to a file ("Configure
 * Django logging to file"), a request log ("All requests logged"), or at least somewhere on
 * purpose (stdout for the container runtime to collect, or a file).
 */
@CheckInfo(id = "config.logging", title = "Application and request logs are configured and written somewhere lasting", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\blogging (to (a )?file|configured)", "\\blog(ging)? to (a )?file", "file-based logging", "application-wide logging",
                "request logging", "\\baccess logs?\\b", "all requests logged"})
public final class LoggingCheck implements Check {

    /** Where logs go. */
    enum Sink { FILE, STREAM, REQUESTS }

    private record Rule(Pattern pattern, Set<Sink> sinks, String what) {
        Rule(String regex, String what, Sink first, Sink... rest) {
            this(Pattern.compile(regex), EnumSet.of(first, rest), what);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("logging\\.(handlers\\.)?(Rotating|TimedRotating|Watched)?FileHandler", "Python file handler", Sink.FILE),
            new Rule("basicConfig\\([^)]*filename\\s*=", "logging.basicConfig to a file", Sink.FILE),
            new Rule("basicConfig\\(", "logging.basicConfig", Sink.STREAM),
            new Rule("logging\\.StreamHandler|dictConfig\\(|fileConfig\\(|^LOGGING\\s*=", "Python logging configuration", Sink.STREAM),
            new Rule("pythonjsonlogger|structlog\\.configure|JsonFormatter", "structured (JSON) logging", Sink.STREAM),
            new Rule("logger\\.add\\(\\s*(f?['\"][^'\"]+\\.log|Path)", "loguru file sink", Sink.FILE),
            new Rule("--access-logfile[= ]+-(\\s|$)|\\baccesslog\\s*=\\s*['\"]-['\"]", "gunicorn access log to stdout", Sink.REQUESTS, Sink.STREAM),
            new Rule("--access-logfile[= ]+[^-\\s]|\\baccesslog\\s*=\\s*['\"][^-]", "gunicorn access log to a file", Sink.REQUESTS, Sink.FILE),
            new Rule("--error-logfile[= ]+[^-\\s]|\\berrorlog\\s*=\\s*['\"][^-]", "gunicorn error log to a file", Sink.FILE),
            new Rule("--log-config[= ]", "server logging config file", Sink.STREAM),
            new Rule("\\buvicorn\\b(?!.*--no-access-log)", "uvicorn (access log on by default)", Sink.REQUESTS, Sink.STREAM),
            new Rule("require\\(['\"](morgan|pino-http|express-winston)['\"]\\)|from ['\"](morgan|pino-http|express-winston)['\"]", "HTTP request logger",
                    Sink.REQUESTS, Sink.STREAM),
            new Rule("transports\\.File\\b|pino\\.destination\\(", "Node logger to a file", Sink.FILE),
            new Rule("require\\(['\"](winston|pino|bunyan)['\"]\\)|from ['\"](winston|pino|bunyan)['\"]", "Node logger", Sink.STREAM),
            new Rule("slog\\.New(JSON|Text)Handler|go\\.uber\\.org/zap|rs/zerolog|sirupsen/logrus", "Go structured logger", Sink.STREAM),
            new Rule("handlers\\.(Combined)?LoggingHandler|middleware\\.Logger", "Go request logging middleware", Sink.REQUESTS, Sink.STREAM),
            new Rule("^\\s*logging\\.file\\.(name|path)\\s*[=:]|(Rolling)?FileAppender", "Spring/logback log file", Sink.FILE),
            new Rule("ConsoleAppender|^\\s*logging\\.(pattern|structured)\\.", "Spring/logback console logging", Sink.STREAM),
            new Rule("server\\.tomcat\\.accesslog\\.enabled\\s*[=:]\\s*true", "Tomcat access log", Sink.REQUESTS, Sink.FILE),
            new Rule("^\\s*access_log\\s+/", "nginx access log", Sink.REQUESTS, Sink.FILE));

    private static final Pattern WANTS_FILE = Pattern.compile("\\bto (a )?file|file-based", Pattern.CASE_INSENSITIVE);
    private static final Pattern WANTS_REQUESTS = Pattern.compile("request logging|access logs?|requests (are )?logged", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Evidence> found = new ArrayList<>();
        Set<Sink> sinks = EnumSet.noneOf(Sink.class);
        List<Evidence> files = new ArrayList<>();
        List<Evidence> requests = new ArrayList<>();
        for (String f : repo.files()) {
            if (!LogConfigFiles.relevant(f) || !LogConfigFiles.production(f)) {
                continue;
            }
            String text = repo.read(f).orElse(null);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.strip().startsWith("#") || line.strip().startsWith("//")) {
                    continue;
                }
                for (Rule r : RULES) {
                    if (r.pattern().matcher(line).find()) {
                        Evidence e = new Evidence.FileLine(f, i + 1, r.what() + ": " + line.strip());
                        found.add(e);
                        sinks.addAll(r.sinks());
                        if (r.sinks().contains(Sink.FILE)) {
                            files.add(e);
                        }
                        if (r.sinks().contains(Sink.REQUESTS)) {
                            requests.add(e);
                        }
                        break;
                    }
                }
            }
        }
        String item = context.itemText() == null ? "" : context.itemText();
        if (found.isEmpty() && repo.stack().components().isEmpty()) {
            return Outcome.notApplicable("no application in the repository (stack: " + repo.stack().describe() + ")");
        }
        if (WANTS_FILE.matcher(item).find()) {
            return files.isEmpty()
                    ? Outcome.fail("no log file is configured" + (found.isEmpty() ? "" : "; logging goes to " + describe(sinks) + " only"),
                    "Add a file handler, e.g. in Django's LOGGING: 'file': {'class': 'logging.handlers.RotatingFileHandler', "
                            + "'filename': '/var/log/app/app.log', 'maxBytes': 10485760, 'backupCount': 5}, and route the root logger to it.",
                    found)
                    : Outcome.pass(files.size() + " log file destination(s) configured", files);
        }
        if (WANTS_REQUESTS.matcher(item).find()) {
            return requests.isEmpty()
                    ? Outcome.fail("no request (access) log is configured",
                    "Turn on the server's access log: gunicorn --access-logfile - (or a path), uvicorn without --no-access-log, "
                            + "morgan or pino-http in Express, server.tomcat.accesslog.enabled=true in Spring Boot.", found)
                    : Outcome.pass(requests.size() + " request log(s) configured", requests);
        }
        return found.isEmpty()
                ? Outcome.fail("no logging configuration found (stack: " + repo.stack().describe() + ")",
                "Configure logging once at start-up: Django LOGGING, logging.config.dictConfig, a winston/pino logger, log/slog, "
                        + "or logback-spring.xml; write to stdout for the container runtime or to a rotated file.", List.of())
                : Outcome.pass("logging is configured (" + describe(sinks) + ")", found);
    }

    private static String describe(Set<Sink> sinks) {
        List<String> parts = new ArrayList<>();
        if (sinks.contains(Sink.FILE)) {
            parts.add("a file");
        }
        if (sinks.contains(Sink.STREAM)) {
            parts.add("stdout/stderr");
        }
        if (sinks.contains(Sink.REQUESTS)) {
            parts.add("request log");
        }
        return String.join(", ", parts);
    }
}
