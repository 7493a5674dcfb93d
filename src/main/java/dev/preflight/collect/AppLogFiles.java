package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.NginxSyntax.Directive;

/**
 * The log files the application writes, as far as the repository says: nginx {@code access_log} and
 * {@code error_log}, gunicorn's {@code --access-logfile}/{@code --error-logfile}/{@code --log-file} and
 * {@code accesslog}/{@code errorlog} settings, Django/Python logging {@code filename}s, Supervisor
 * {@code stdout_logfile}/{@code stderr_logfile} and systemd {@code StandardOutput=append:}. Best
 * effort: a path built at run time from variables is not seen.
 */
public final class AppLogFiles {
    private AppLogFiles() {
    }

    /**
     * A log file and where the repository names it.
     *
     * @param selfRotating written by a Python RotatingFileHandler/TimedRotatingFileHandler, which rotates it itself
     */
    public record LogFile(String path, String file, int line, String excerpt, boolean selfRotating) {
    }

    private static final Pattern GUNICORN_FLAG = Pattern.compile("--(access-logfile|error-logfile|log-file)[=\\s\"',]+[\"']?([^\\s\"',\\]]+)");
    private static final Pattern GUNICORN_SETTING = Pattern.compile("^(accesslog|errorlog)\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern PY_FILENAME = Pattern.compile("[\"']filename[\"']\\s*:\\s*(.+)|\\bfilename\\s*=\\s*(.+)");
    private static final Pattern PY_LOG_LITERAL = Pattern.compile("[\"']([^\"']*\\.log)[\"']");
    private static final Pattern SUPERVISOR_LOG = Pattern.compile("^(stdout_logfile|stderr_logfile)\\s*[=:]\\s*(\\S+)");
    private static final Pattern SYSTEMD_APPEND = Pattern.compile("^Standard(Output|Error)=(append|file):(\\S+)");

    public static List<LogFile> find(RepoSnapshot repo, List<NginxConfig> nginx) {
        List<LogFile> out = new ArrayList<>();
        for (NginxConfig config : nginx) {
            for (String name : List.of("access_log", "error_log")) {
                for (Directive d : NginxConfig.all(config.directives(), name)) {
                    add(out, d.arg(0), d.file(), d.line(), d.text(), false);
                }
            }
        }
        for (String f : repo.files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            boolean python = lower.endsWith(".py");
            boolean unit = lower.endsWith(".service");
            boolean text = python || unit || lower.endsWith(".conf") || lower.endsWith(".ini") || lower.endsWith(".sh")
                    || lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith("procfile") || lower.contains("dockerfile");
            if (!text || lower.contains("nginx") || lower.contains("logrotate")) {
                continue;
            }
            String[] lines = repo.read(f).orElse("").split("\\r?\\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher g = GUNICORN_FLAG.matcher(line);
                while (g.find()) {
                    add(out, g.group(2), f, i + 1, line, false);
                }
                Matcher setting = GUNICORN_SETTING.matcher(line);
                if (python && setting.find()) {
                    add(out, setting.group(2), f, i + 1, line, false);
                }
                Matcher filename = PY_FILENAME.matcher(line);
                if (python && filename.find()) {
                    Matcher literal = PY_LOG_LITERAL.matcher(filename.group(1) != null ? filename.group(1) : filename.group(2));
                    if (literal.find()) {
                        add(out, literal.group(1), f, i + 1, line, rotatingHandlerNear(lines, i));
                    }
                }
                Matcher supervisor = SUPERVISOR_LOG.matcher(line);
                if (!python && supervisor.find()) {
                    add(out, supervisor.group(2), f, i + 1, line, false);
                }
                Matcher systemd = SYSTEMD_APPEND.matcher(line);
                if (unit && systemd.find()) {
                    add(out, systemd.group(3), f, i + 1, line, false);
                }
            }
        }
        return out;
    }

    /** A handler dict names its class within a few lines of its filename. */
    private static boolean rotatingHandlerNear(String[] lines, int at) {
        for (int i = Math.max(0, at - 5); i < Math.min(lines.length, at + 6); i++) {
            if (lines[i].contains("RotatingFileHandler")) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<LogFile> out, String path, String file, int line, String excerpt, boolean selfRotating) {
        String p = path.strip();
        String lower = p.toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.equals("-") || lower.equals("off") || lower.startsWith("syslog:") || lower.startsWith("/dev/")
                || lower.equals("stderr") || lower.equals("auto") || lower.equals("none") || p.contains("$") || p.contains("%(")) {
            return;
        }
        if (out.stream().noneMatch(l -> l.path().equals(p))) {
            out.add(new LogFile(p, file, line, CommandLine.masked(excerpt), selfRotating));
        }
    }
}
