package dev.preflight.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocketFactory;

import dev.preflight.Preflight;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.config.ConfigException;
import dev.preflight.config.PreflightConfig;
import dev.preflight.files.AtomicFiles;
import dev.preflight.load.LoadGenerator;
import dev.preflight.load.LoadResult;
import dev.preflight.load.LoadSpec;
import dev.preflight.load.Scenario;
import dev.preflight.load.Scenarios;
import dev.preflight.report.LoadReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code preflight load}: runs load scenarios against a live deployment and judges their thresholds,
 * outside a checklist. The scenarios come from preflight.yaml, or one from the options; every run's
 * bounds are shown before it starts, and a line of progress is kept while it runs.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run load scenarios against a live deployment and judge their thresholds.",
                "Without names, runs every scenario of preflight.yaml (load.scenarios), or a modest default: GET / at "
                + "20 requests a second for 15 s. Options such as --rate or --connections describe one scenario instead."},
        footer = {"", "Exit codes: 0 every threshold met (or none set), 1 a threshold not met or a run inconclusive, 2 bad usage or bad input.",
                "", "Examples:", "  preflight load --url https://staging.example.com api checkout",
                "  preflight load --url http://127.0.0.1:8080 --rate 50 --duration 30s \\",
                "      --path /api/items --threshold 'p(95)<200ms' --abort-on-fail"})
final class LoadCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "scenarios of preflight.yaml to run, in this order (default: all)")
    List<String> names = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL", description = "the base URL of the deployment (default: the config's first)")
    String url;

    @Mixin
    ConfigOption config;

    @Option(names = "--env", paramLabel = "NAME", description = "use the first URL of this environment from the config")
    String environment;

    @Option(names = "--rate", paramLabel = "N", description = "open model: requests a second, on a fixed schedule")
    Double rate;

    @Option(names = "--connections", paramLabel = "N", description = "closed model: connections that each send, wait and repeat")
    Integer connections;

    @Option(names = "--duration", paramLabel = "TIME", description = "how long, warm-up included (default 15s, at most 1h)")
    String duration;

    @Option(names = "--path", paramLabel = "PATH", description = "the path to request (default /)")
    String path;

    @Option(names = "--method", paramLabel = "METHOD", description = "the request method (default GET, or POST with --body)")
    String method;

    @Option(names = "--body", paramLabel = "TEXT", description = "a request body, sent as it is")
    String body;

    @Option(names = "--warmup", paramLabel = "TIME", description = "sent first and not measured, e.g. 5s")
    String warmup;

    @Option(names = "--ramp", paramLabel = "TIME", description = "climb to the rate or connections over this long, e.g. 10s")
    String ramp;

    @Option(names = "--max-requests", paramLabel = "N", description = "a bound on requests (default: what the rate fills the duration with, "
                                                                      + "or 1,000 per connection)")
    Long maxRequests;

    @Option(names = "--timeout", paramLabel = "TIME", description = "how long each answer may take (default 10s)")
    String timeout;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "a threshold in k6's syntax: p(95)<200ms, med<50ms, max<2s, rate<0.01 (repeatable)")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-fail", description = "stop as soon as a threshold can no longer be met")
    boolean abortOnFail;

    @Mixin
    ProbeOptions probe;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text, or from --out's extension)")
    String format;

    @Option(names = "--out", paramLabel = "PATH", description = "write the report to this file instead of standard output")
    Path out;

    @Option(names = "--plan", description = "print the runs' bounds and send nothing")
    boolean plan;

    @Override
    public Integer call() throws Exception {
        PreflightConfig cfg = config.load();
        URI target = target(cfg);
        List<Scenario> scenarios = scenarios(cfg);
        Map<String, String> given = probe.headers();
        boolean json = json();
        if (plan) {
            System.out.println("Preflight would run, against " + target + ":");
            scenarios.forEach(s -> System.out.println("  " + s.label() + ": " + s.spec(target, given).describe()));
            return 0;
        }
        TrustMaterial trust = probe.trust();
        SSLSocketFactory tls = trust == null ? null : trust.context().getSocketFactory();
        AtomicBoolean stop = new AtomicBoolean();
        return CtrlC.stoppable(() -> stop.set(true), () -> {
            List<LoadReport.Run> runs = new ArrayList<>();
            for (Scenario s : scenarios) {
                if (stop.get()) {
                    break;
                }
                LoadSpec spec = s.spec(target, given);
                System.err.println("preflight: " + s.label() + ": " + spec.describe());
                LoadResult result = LoadGenerator.run(spec, tls, new LoadProgressLine(s.name(), System.err, Console.isTerminal()), stop);
                runs.add(LoadReport.run(s, result));
            }
            LoadReport report = LoadReport.of(Preflight.version(), target.toString(), runs);
            emit(json ? report.json() : report.text(), report);
            return report.passed() ? 0 : 1;
        });
    }

    private void emit(String text, LoadReport report) {
        if (out == null) {
            System.out.print(text);
            System.out.flush();
            return;
        }
        try {
            AtomicFiles.write(out, text);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot be written (" + e.getMessage() + ")");
        }
        System.err.println("preflight: load " + (report.passed() ? "passed" : "did NOT pass") + " · report written to " + out);
    }

    private boolean json() {
        String chosen = format != null ? format : out != null && out.getFileName().toString().endsWith(".json") ? "json" : "text";
        return switch (chosen) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new UserError("--format " + format + " is not one of text, json");
        };
    }

    private URI target(PreflightConfig cfg) {
        if (url != null) {
            return CheckCommand.url(url);
        }
        PreflightConfig.Environment env = CheckCommand.environment(cfg, environment);
        List<String> urls = env != null ? env.urls() : cfg.targets() != null ? cfg.targets().urls() : List.of();
        if (urls.isEmpty()) {
            throw new UserError("give the deployment's base URL with --url (or targets.urls in preflight.yaml)");
        }
        return CheckCommand.url(urls.getFirst());
    }

    private boolean describesOne() {
        return rate != null || connections != null || duration != null || path != null || method != null || body != null || warmup != null
               || ramp != null || maxRequests != null || timeout != null || !thresholds.isEmpty() || abortOnFail;
    }

    private List<Scenario> scenarios(PreflightConfig cfg) {
        try {
            if (describesOne()) {
                if (!names.isEmpty()) {
                    throw new UserError("give scenario names, or options that describe one scenario (--rate, --connections, ...), not both");
                }
                PreflightConfig.Request request = new PreflightConfig.Request(method, path, null, body, null, null, null);
                PreflightConfig.Scenario written = new PreflightConfig.Scenario(rate, connections, duration, warmup, ramp, maxRequests, timeout,
                        thresholds, abortOnFail, List.of(request));
                return List.of(Scenarios.read("command-line", "the command line", written, Path.of("")));
            }
            Scenarios configured = Scenarios.from(cfg);
            if (!names.isEmpty()) {
                List<Scenario> chosen = new ArrayList<>();
                for (String name : names) {
                    chosen.add(configured.named(name));
                }
                return chosen;
            }
            if (!configured.isEmpty()) {
                return configured.all();
            }
            PreflightConfig.Scenario builtIn = new PreflightConfig.Scenario(null, null, null, null, null, null, null, null, null, null);
            return List.of(Scenarios.read("default", "built in", builtIn, Path.of("")));
        } catch (ConfigException e) {
            throw new UserError(e.getMessage().replace("the command line: load scenario 'command-line': ", ""));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
