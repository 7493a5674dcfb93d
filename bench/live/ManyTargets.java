import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;

/**
 * The passive live suite in process: first against one target (https on 21000, plain http on
 * 20000) RUNS times, then against N targets at once, one run per target on virtual threads, as a
 * team server checking N services would. Prints wall times and the statuses of one report.
 * Run: java -cp 'target/preflight.jar:target/lib/*' bench/live/ManyTargets.java CHECKLIST CA_PEM N RUNS
 */
public class ManyTargets {
    public static void main(String[] args) throws Exception {
        Path checklist = Path.of(args[0]);
        TrustMaterial trust = TrustMaterial.withExtraCa(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        RunOptions d = RunOptions.defaults();
        RunOptions options = new RunOptions(false, d.checkTimeout(), d.runDeadline(), Map.of(), d.requestTimeout(), trust, null, null, d.scenarios());
        Preflight preflight = new Preflight(Catalog.standard(), PreflightConfig.EMPTY);

        StringBuilder single = new StringBuilder();
        Report report = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            report = preflight.check(checklist, target(0), options);
            single.append(String.format("%.2f ", (System.nanoTime() - start) / 1e9));
        }
        System.out.println("one target, in process, runs 1-" + runs + " of one JVM: wall s " + single.toString().strip());

        long start = System.nanoTime();
        List<Future<Report>> all = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Targets t = target(i);
                all.add(threads.submit(() -> preflight.check(checklist, t, options)));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> verdicts = new TreeMap<>();
        for (Future<Report> f : all) {
            verdicts.merge(f.get().verdict().name(), 1, Integer::sum);
        }
        System.out.printf("%d targets at once, in process: wall s %.2f; verdicts %s%n", n, wall, verdicts);
        System.out.println("statuses of one report:");
        report.items().forEach(item -> item.checks().forEach(c ->
                System.out.println("  " + c.status() + " " + c.id() + ": " + c.summary())));
    }

    private static Targets target(int i) {
        return new Targets(null, List.of(URI.create("https://127.0.0.1:" + (21000 + i) + "/"),
                URI.create("http://127.0.0.1:" + (20000 + i) + "/")), List.of());
    }
}
