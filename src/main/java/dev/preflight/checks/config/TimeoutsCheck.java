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
import dev.preflight.collect.CommandLine;
import dev.preflight.collect.NginxConfig;
import dev.preflight.collect.NginxConfig.Server;
import dev.preflight.collect.NginxSyntax.Directive;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Lines;

/**
 * Timeouts where the repository sets them: nginx proxy timeouts around proxied locations, gunicorn's
 * worker {@code --timeout}, and Go net/http servers, which have none unless given (a slow client
 * holds a connection for ever: Slowloris, gosec G112/G114). A Go server without them is a FAIL; an
 * nginx or gunicorn default left in place is a WARN, since both have a finite default.
 */
@CheckInfo(id = "config.timeouts", title = "Request, proxy and server timeouts are set", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\b(request|proxy|read|write|gateway|upstream|worker) timeouts?\\b", "timeouts? (are )?(configured|set)\\b"},
        related = {"gosec:G112", "nginx:proxy_read_timeout"})
public final class TimeoutsCheck implements Check {
    private static final List<String> PASS_DIRECTIVES = List.of("proxy_pass", "uwsgi_pass", "fastcgi_pass", "grpc_pass");
    private static final Pattern GUNICORN_COMMAND = Pattern.compile("(^|[\\s\"'\\[=/(])gunicorn(\"|')?[\\s,]+(\"|')?[-\\w]");
    private static final Pattern INSTALL = Pattern.compile("\\b(pip3? install|poetry add|apt-get|apk add|uv (pip|add))\\b");
    private static final Pattern GUNICORN_TIMEOUT = Pattern.compile("(--timeout[=\\s\"',]+|(^|\\s|[\"'])-t[\\s\"',]*)(\"|')?(\\d+)");
    private static final Pattern GUNICORN_CONFIG_ARG = Pattern.compile("(-c|--config)[=\\s\"',]+(\"|')?([\\w./-]+\\.py)");
    private static final Pattern GUNICORN_CONFIG_TIMEOUT = Pattern.compile("(?m)^timeout\\s*=\\s*(\\d+)");
    private static final Pattern GO_BARE_LISTEN = Pattern.compile("\\bhttp\\.(ListenAndServe|ListenAndServeTLS)\\s*\\(");
    private static final Pattern GO_SERVER = Pattern.compile("(?:(\\w+)\\s*:?=\\s*)?&?http\\.Server\\s*\\{");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Evidence> fails = new ArrayList<>();
        List<Evidence> warns = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        int places = 0;
        for (NginxConfig config : NginxConfig.load(repo)) {
            places += nginx(config, warns, good);
        }
        for (String f : repo.files()) {
            if (f.endsWith(".go") && !f.endsWith("_test.go")) {
                places += go(repo, f, fails, good);
            } else if (mayRunGunicorn(f)) {
                places += gunicorn(repo, f, fails, warns, good);
            }
        }
        if (places == 0) {
            return Outcome.notApplicable("no proxied nginx location, gunicorn command or Go HTTP server in the repository (stack: "
                    + repo.stack().describe() + ")");
        }
        String fix = "Go: build an http.Server with ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout instead of "
                + "http.ListenAndServe; nginx: set proxy_connect_timeout, proxy_read_timeout and send_timeout; gunicorn: pass --timeout.";
        if (!fails.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(fails);
            evidence.addAll(warns);
            return Outcome.fail(fails.size() == 1 ? fails.getFirst().describe() : fails.size() + " servers without timeouts", fix, evidence);
        }
        if (!warns.isEmpty()) {
            return Outcome.warn(warns.size() == 1 ? warns.getFirst().describe() : warns.size() + " places rely on default timeouts", fix, warns);
        }
        return Outcome.pass("timeouts set in " + places + " place(s)", good);
    }

    /** Each proxied location: its connect and read timeouts and send_timeout, from the location, its server or http. */
    private static int nginx(NginxConfig config, List<Evidence> warns, List<Evidence> good) {
        int places = 0;
        for (Server server : config.servers()) {
            for (Directive location : server.all("location")) {
                Optional<Directive> pass = location.block().stream().filter(d -> PASS_DIRECTIVES.contains(d.name())).findFirst();
                if (pass.isEmpty()) {
                    continue;
                }
                places++;
                String prefix = pass.get().name().replace("_pass", "");
                List<String> missing = new ArrayList<>();
                for (String name : List.of(prefix + "_connect_timeout", prefix + "_read_timeout", "send_timeout")) {
                    Optional<Directive> set = NginxConfig.first(location.block(), name).or(() -> server.find(name));
                    set.ifPresentOrElse(d -> good.add(new Evidence.FileLine(d.file(), d.line(), d.text())), () -> missing.add(name));
                }
                if (!missing.isEmpty()) {
                    warns.add(new Evidence.FileLine(location.file(), location.line(), location.text() + ": " + String.join(", ", missing)
                            + " not set (nginx default 60s)"));
                }
            }
        }
        return places;
    }

    private static boolean mayRunGunicorn(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.equals("procfile") || name.startsWith("dockerfile") || name.endsWith(".dockerfile") || name.endsWith(".service")
                || name.endsWith(".sh") || name.endsWith(".ini") || name.endsWith(".yml") || name.endsWith(".yaml")
                || name.equals("makefile") || (name.endsWith(".conf") && !path.toLowerCase(Locale.ROOT).contains("nginx"));
    }

    private static int gunicorn(RepoSnapshot repo, String file, List<Evidence> fails, List<Evidence> warns, List<Evidence> good) {
        String[] lines = repo.read(file).orElse("").split("\\r?\\n");
        int places = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#") || INSTALL.matcher(line).find() || !GUNICORN_COMMAND.matcher(line).find()) {
                continue;
            }
            places++;
            String shown = CommandLine.masked(line.strip());
            Evidence.FileLine where = new Evidence.FileLine(file, i + 1, shown);
            Matcher timeout = GUNICORN_TIMEOUT.matcher(line);
            boolean flag = timeout.find();
            Optional<Evidence.FileLine> fromConfig = flag ? Optional.empty() : configTimeout(repo, file, line);
            String seconds = flag ? timeout.group(4) : fromConfig.map(e -> e.excerpt().replaceAll("\\D+", "")).orElse(null);
            if (seconds == null) {
                warns.add(new Evidence.FileLine(file, i + 1, shown + " (no --timeout: gunicorn's default 30s)"));
            } else if (Integer.parseInt(seconds) == 0) {
                fails.add(new Evidence.FileLine(file, i + 1, shown + " (timeout 0 disables the worker timeout)"));
            } else {
                good.add(fromConfig.orElse(where));
            }
        }
        return places;
    }

    /** The {@code timeout = N} of the config file the command names with -c, or of a gunicorn config the repository holds. */
    private static Optional<Evidence.FileLine> configTimeout(RepoSnapshot repo, String commandFile, String line) {
        Matcher named = GUNICORN_CONFIG_ARG.matcher(line);
        List<String> candidates = new ArrayList<>();
        if (named.find()) {
            String base = named.group(3).replaceFirst("^\\./", "");
            repo.files().stream().filter(f -> f.equals(base) || f.endsWith("/" + base.substring(base.lastIndexOf('/') + 1))).forEach(candidates::add);
        } else {
            repo.files().stream().filter(f -> f.matches("(.*/)?gunicorn([._-]conf(ig)?)?\\.py")).forEach(candidates::add);
        }
        for (String f : candidates) {
            String text = repo.read(f).orElse("");
            Matcher m = GUNICORN_CONFIG_TIMEOUT.matcher(text);
            if (m.find()) {
                int lineNo = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                return Optional.of(new Evidence.FileLine(f, lineNo, "timeout = " + m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static int go(RepoSnapshot repo, String file, List<Evidence> fails, List<Evidence> good) {
        String text = withoutComments(repo.read(file).orElse(""));
        int places = 0;
        Matcher bare = GO_BARE_LISTEN.matcher(text);
        while (bare.find()) {
            places++;
            fails.add(new Evidence.FileLine(file, Lines.lineAt(text, bare.start()), Lines.lineOf(text, bare.start())
                    + " (http." + bare.group(1) + " has no timeouts)"));
        }
        Matcher server = GO_SERVER.matcher(text);
        while (server.find()) {
            places++;
            int open = server.end() - 1;
            int close = matchingBrace(text, open);
            String literal = text.substring(open, close);
            String variable = server.group(1);
            List<String> missing = new ArrayList<>();
            boolean readHeader = hasField(literal, text, variable, "ReadHeaderTimeout") || hasField(literal, text, variable, "ReadTimeout");
            if (!readHeader) {
                missing.add("ReadHeaderTimeout/ReadTimeout");
            }
            if (!hasField(literal, text, variable, "WriteTimeout")) {
                missing.add("WriteTimeout");
            }
            Evidence.FileLine where = new Evidence.FileLine(file, Lines.lineAt(text, server.start()), Lines.lineOf(text, server.start()));
            if (missing.isEmpty()) {
                good.add(where);
            } else {
                fails.add(new Evidence.FileLine(where.path(), where.line(), where.excerpt() + " (no " + String.join(", ", missing) + ")"));
            }
        }
        return places;
    }

    private static boolean hasField(String literal, String text, String variable, String field) {
        return Pattern.compile("\\b" + field + "\\s*:").matcher(literal).find()
                || (variable != null && Pattern.compile("\\b" + Pattern.quote(variable) + "\\." + field + "\\s*=").matcher(text).find());
    }

    /** Go source with // and block comments blanked out (newlines kept, so line numbers hold); strings are left alone. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '`') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && !(c == '"' && source.charAt(end) == '\n')) {
                    end += c == '"' && source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
                out.append(source, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

}
