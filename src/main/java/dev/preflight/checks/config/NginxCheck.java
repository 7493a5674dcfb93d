package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.NginxConfig;
import dev.preflight.collect.NginxConfig.Server;
import dev.preflight.collect.NginxSyntax.Directive;
import dev.preflight.collect.RepoSnapshot;

/**
 * The repository's nginx configurations, parsed with their includes: hardening (server_tokens, TLS
 * protocols, HTTP to HTTPS redirect, HSTS, body size) is required; gzip, http2, static file serving
 * and rate limits are recommended, and required too when the item names them ("Configure Nginx
 * caching", "to serve static files").
 */
@CheckInfo(id = "config.nginx", title = "nginx config is sound (server_tokens off, modern TLS, proxy and static settings)",
        target = TargetKind.REPO,
        phrases = {"\\bnginx\\b.*\\b(config\\w*|virtual host|to serve|caching|proxy)", "reverse proxy", "proxy[ _]pass", "nginx -t",
                "virtual host", "server_tokens"},
        params = {"maxSize"},
        related = {"gixy", "nginx:-t"})
public final class NginxCheck implements Check {

    /** What a finding is about; the item's words make a recommended aspect required. */
    enum Aspect {
        SYNTAX(true, null), TOKENS(true, "server_tokens"), TLS(true, "\\btls\\b|\\bssl\\b|ssl_protocols"),
        REDIRECT(true, "\\bhttps\\b|redirect"), HSTS(true, "\\bhsts\\b|strict-transport"),
        BODY_SIZE(true, "client_max_body_size|body size|upload"), GZIP(false, "gzip|compress"), HTTP2(false, "http/?2"),
        STATIC(false, "static|cach"), RATE_LIMIT(false, "rate.?limit|limit_req|limit_conn");

        final boolean required;
        final Pattern asked;

        Aspect(boolean required, String asked) {
            this.required = required;
            this.asked = asked == null ? null : Pattern.compile(asked, Pattern.CASE_INSENSITIVE);
        }
    }

    record Finding(Aspect aspect, Evidence.FileLine where) {
    }

    private static final Pattern NGINX_SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
    private static final Pattern OLD_PROTOCOL = Pattern.compile("^(SSLv2|SSLv3|TLSv1|TLSv1\\.1)$");
    private static final Pattern HTTPS_REDIRECT = Pattern.compile("^(301|308)$");
    private static final long DEFAULT_BODY = 1L << 20;

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<NginxConfig> configs = NginxConfig.load(repo);
        if (configs.isEmpty()) {
            return Outcome.notApplicable("no nginx configuration in the repository (stack: " + repo.stack().describe() + ")");
        }
        Set<Aspect> asked = EnumSet.noneOf(Aspect.class);
        for (Aspect a : Aspect.values()) {
            if (a.asked != null && a.asked.matcher(context.itemText()).find()) {
                asked.add(a);
            }
        }
        OptionalLong maxSize = context.params().bytes(Param.MAX_SIZE).map(OptionalLong::of).orElse(OptionalLong.empty());
        List<Finding> findings = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        int servers = 0;
        for (NginxConfig config : configs) {
            config.errors().forEach(e -> findings.add(new Finding(Aspect.SYNTAX, e)));
            servers += config.servers().size();
            review(config, maxSize, findings, good);
        }
        List<Evidence> notes = new ArrayList<>();
        configs.forEach(c -> c.missingIncludes().forEach(notes::add));

        List<Finding> blocking = findings.stream().filter(f -> f.aspect().required || asked.contains(f.aspect())).toList();
        String scope = configs.size() + " nginx config(s), " + servers + " server block(s)";
        if (!blocking.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(findings.stream().map(Finding::where).toList());
            evidence.addAll(notes);
            return Outcome.fail(blocking.size() == 1 ? blocking.getFirst().where().describe()
                            : blocking.size() + " problems in " + scope, remediation(blocking), evidence);
        }
        if (!findings.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(findings.stream().map(Finding::where).toList());
            evidence.addAll(notes);
            return Outcome.warn(scope + ": hardening is in place; " + findings.size() + " recommended setting(s) missing",
                    remediation(findings), evidence);
        }
        good.addAll(notes);
        return Outcome.pass(scope + ": server_tokens off, TLS 1.2+, HTTPS redirect, HSTS, body size, gzip, http2, static files, rate limits",
                good);
    }

    private static void review(NginxConfig config, OptionalLong maxSize, List<Finding> findings, List<Evidence> good) {
        List<Server> servers = config.servers();
        if (servers.isEmpty()) {
            return;
        }
        List<Server> tls = servers.stream().filter(Server::tls).toList();
        List<Server> apps = servers.stream().filter(s -> !redirectsToHttps(s) && !refuses(s)).toList();

        for (Server s : servers) {
            Optional<Directive> tokens = s.find("server_tokens");
            if (tokens.isEmpty()) {
                findings.add(new Finding(Aspect.TOKENS, at(s.block(), "server " + s.name() + ": server_tokens is not set (nginx shows its version by default)")));
            } else if (!tokens.get().arg(0).equals("off")) {
                findings.add(new Finding(Aspect.TOKENS, at(tokens.get(), tokens.get().text() + " (shows the nginx version)")));
            } else {
                addOnce(good, at(tokens.get(), tokens.get().text()));
            }
        }
        for (Server s : tls) {
            Optional<Directive> protocols = s.find("ssl_protocols");
            if (protocols.isEmpty()) {
                String why = config.missingIncludes().isEmpty() ? "nginx before 1.23.4 then also accepts TLSv1 and TLSv1.1"
                        : "it may come from an include the repository does not hold";
                findings.add(new Finding(Aspect.TLS, at(s.block(), "server " + s.name() + ": ssl_protocols is not set (" + why + ")")));
            } else if (protocols.get().args().stream().anyMatch(p -> OLD_PROTOCOL.matcher(p).matches())) {
                findings.add(new Finding(Aspect.TLS, at(protocols.get(), protocols.get().text() + " (TLS 1.0/1.1 are deprecated, RFC 8996)")));
            } else {
                addOnce(good, at(protocols.get(), protocols.get().text()));
            }
            Optional<Directive> hsts = headers(s).stream().filter(h -> h.arg(0).equalsIgnoreCase("Strict-Transport-Security")).findFirst();
            if (hsts.isEmpty()) {
                findings.add(new Finding(Aspect.HSTS, at(s.block(), "server " + s.name() + ": no Strict-Transport-Security header")));
            } else {
                addOnce(good, at(hsts.get(), hsts.get().text()));
                for (Directive location : s.all("location")) {
                    List<Directive> own = location.block().stream().filter(d -> d.name().equals("add_header")).toList();
                    if (!own.isEmpty() && own.stream().noneMatch(h -> h.arg(0).equalsIgnoreCase("Strict-Transport-Security"))) {
                        findings.add(new Finding(Aspect.HSTS, at(own.getFirst(), location.text() + " sets its own add_header, so nginx "
                                + "drops the server's Strict-Transport-Security there (repeat it in the location)")));
                    }
                }
            }
            boolean http2 = s.listens().stream().anyMatch(l -> l.args().contains("http2"))
                    || s.find("http2").filter(d -> d.arg(0).equals("on")).isPresent();
            if (!http2) {
                findings.add(new Finding(Aspect.HTTP2, at(s.block(), "server " + s.name() + ": HTTP/2 is not enabled (listen ... http2)")));
            }
        }
        for (Server s : servers) {
            if (s.plainHttp() && !s.tls() && !redirectsToHttps(s) && !refuses(s)) {
                String what = tls.isEmpty() ? "no server of this config listens with TLS, and this one serves plain HTTP"
                        : "serves plain HTTP instead of redirecting to HTTPS (return 301 https://$host$request_uri)";
                findings.add(new Finding(Aspect.REDIRECT, at(s.block(), "server " + s.name() + " on port 80: " + what)));
            } else if (s.plainHttp() && redirectsToHttps(s)) {
                addOnce(good, at(s.block(), "server " + s.name() + " on port 80 redirects to HTTPS"));
            }
        }
        bodySize(config, apps, maxSize, findings, good);
        Optional<Directive> gzip = NginxConfig.all(config.directives(), "gzip").stream().filter(d -> d.arg(0).equals("on")).findFirst();
        if (gzip.isEmpty()) {
            findings.add(new Finding(Aspect.GZIP, new Evidence.FileLine(config.root(), 0, "gzip is not on")));
        } else {
            addOnce(good, at(gzip.get(), gzip.get().text()));
        }
        staticFiles(config, apps, findings, good);
        Optional<Directive> limit = apps.stream().flatMap(s -> s.all("limit_req").stream()).findFirst()
                .or(() -> apps.stream().flatMap(s -> s.all("limit_conn").stream()).findFirst());
        if (limit.isEmpty() && !apps.isEmpty()) {
            findings.add(new Finding(Aspect.RATE_LIMIT, new Evidence.FileLine(config.root(), 0, "no limit_req or limit_conn in any server")));
        }
        limit.ifPresent(l -> addOnce(good, at(l, l.text())));
    }

    private static void bodySize(NginxConfig config, List<Server> apps, OptionalLong maxSize, List<Finding> findings, List<Evidence> good) {
        for (Server s : apps) {
            Optional<Directive> size = s.find("client_max_body_size");
            OptionalLong bytes = size.map(d -> bytes(d.arg(0))).orElse(OptionalLong.of(DEFAULT_BODY));
            String shown = size.map(Directive::text).orElse("client_max_body_size not set (nginx default 1m)");
            if (bytes.isEmpty()) {
                findings.add(new Finding(Aspect.BODY_SIZE, at(size.orElseThrow(), shown + " (not a size nginx accepts)")));
            } else if (bytes.getAsLong() == 0) {
                findings.add(new Finding(Aspect.BODY_SIZE, at(size.orElseThrow(), shown + " (0 disables the limit)")));
            } else if (maxSize.isPresent() && bytes.getAsLong() > maxSize.getAsLong()) {
                findings.add(new Finding(Aspect.BODY_SIZE, at(size.orElse(s.block()), shown + ": larger than the item's " + human(maxSize.getAsLong()))));
            } else if (size.isEmpty() && maxSize.isPresent() && maxSize.getAsLong() > DEFAULT_BODY) {
                findings.add(new Finding(Aspect.BODY_SIZE, at(s.block(), "server " + s.name() + ": " + shown
                        + ": uploads over 1 MB get 413, the item allows " + human(maxSize.getAsLong()))));
            } else if (size.isEmpty()) {
                findings.add(new Finding(Aspect.BODY_SIZE, at(s.block(), "server " + s.name() + ": " + shown)));
            } else {
                addOnce(good, at(size.get(), shown));
            }
        }
        if (apps.isEmpty() && !config.servers().isEmpty()) {
            good.add(new Evidence.Note(config.root() + ": every server only redirects"));
        }
    }

    private static void staticFiles(NginxConfig config, List<Server> apps, List<Finding> findings, List<Evidence> good) {
        List<Directive> staticLocations = new ArrayList<>();
        for (Server s : apps) {
            for (Directive location : s.all("location")) {
                boolean serves = NginxConfig.first(location.block(), "root").isPresent() || NginxConfig.first(location.block(), "alias").isPresent();
                if (serves && !location.arg(location.args().size() - 1).contains("acme-challenge")) {
                    staticLocations.add(location);
                }
            }
        }
        if (staticLocations.isEmpty()) {
            if (!apps.isEmpty()) {
                findings.add(new Finding(Aspect.STATIC, new Evidence.FileLine(config.root(), 0,
                        "no location serves static files with root or alias (the app server serves them)")));
            }
            return;
        }
        for (Directive location : staticLocations) {
            boolean cached = NginxConfig.first(location.block(), "expires").isPresent()
                    || location.block().stream().anyMatch(d -> d.name().equals("add_header") && d.arg(0).equalsIgnoreCase("Cache-Control"));
            if (cached) {
                addOnce(good, at(location, location.text() + " with cache headers"));
            } else {
                findings.add(new Finding(Aspect.STATIC, at(location, location.text() + ": static files without expires or Cache-Control")));
            }
        }
    }

    /** The add_header directives that apply at server level: nginx inherits them only when the server sets none of its own. */
    private static List<Directive> headers(Server s) {
        List<Directive> own = s.block().block().stream().filter(d -> d.name().equals("add_header")).toList();
        if (!own.isEmpty()) {
            return own;
        }
        for (List<Directive> scope : s.around()) {
            List<Directive> inherited = scope.stream().filter(d -> d.name().equals("add_header")).toList();
            if (!inherited.isEmpty()) {
                return inherited;
            }
        }
        return List.of();
    }

    /** A permanent redirect to https at server level, in an {@code if}, or in {@code location /}. */
    static boolean redirectsToHttps(Server s) {
        List<Directive> places = new ArrayList<>(s.block().block());
        for (Directive d : s.block().block()) {
            if (d.isBlock() && (d.name().equals("if") || (d.name().equals("location") && d.args().equals(List.of("/"))))) {
                places.addAll(d.block());
            }
        }
        return places.stream().anyMatch(d -> (d.name().equals("return") && HTTPS_REDIRECT.matcher(d.arg(0)).matches() && d.arg(1).startsWith("https://"))
                || (d.name().equals("rewrite") && d.arg(1).startsWith("https://") && d.args().contains("permanent")));
    }

    /** A catch-all that answers every request with an error ({@code return 444;}), serving nothing. */
    static boolean refuses(Server s) {
        return s.block().block().stream().anyMatch(d -> d.name().equals("return") && d.arg(0).matches("4\\d\\d"));
    }

    static OptionalLong bytes(String nginxSize) {
        Matcher m = NGINX_SIZE.matcher(nginxSize);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        return OptionalLong.of(switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        });
    }

    private static String human(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private static Evidence.FileLine at(Directive d, String excerpt) {
        return new Evidence.FileLine(d.file(), d.line(), excerpt);
    }

    private static void addOnce(List<Evidence> evidence, Evidence e) {
        if (!evidence.contains(e)) {
            evidence.add(e);
        }
    }

    private static String remediation(List<Finding> findings) {
        Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
        findings.forEach(f -> aspects.add(f.aspect()));
        List<String> steps = new ArrayList<>();
        for (Aspect a : aspects) {
            steps.add(switch (a) {
                case SYNTAX -> "fix the syntax error and run 'nginx -t'";
                case TOKENS -> "add 'server_tokens off;' to the http block";
                case TLS -> "set 'ssl_protocols TLSv1.2 TLSv1.3;'";
                case REDIRECT -> "make the port-80 server 'return 301 https://$host$request_uri;'";
                case HSTS -> "add 'add_header Strict-Transport-Security \"max-age=63072000\" always;' to each TLS server";
                case BODY_SIZE -> "set client_max_body_size to the largest upload you accept (not 0)";
                case GZIP -> "turn on 'gzip on;' with gzip_types for text, CSS, JS and JSON";
                case HTTP2 -> "add http2 to the TLS listen ('listen 443 ssl http2;' or 'http2 on;')";
                case STATIC -> "serve static files from a location with alias/root and 'expires 30d;'";
                case RATE_LIMIT -> "define limit_req_zone in http and apply limit_req in the proxied locations";
            });
        }
        return String.join("; ", steps) + ". See 'preflight explain config.nginx'.";
    }
}
