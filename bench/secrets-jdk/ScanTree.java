import java.nio.file.Path;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.checks.repo.SecretsCheck;
import dev.preflight.collect.RepoSnapshot;

/**
 * The secret scan of one tree, in process: walk, read and match, as `preflight check` runs it.
 * Prints the wall and CPU time of each run, then the last run's summary and evidence (secrets masked).
 * Usage: java -cp 'target/preflight.jar:target/lib/*' bench/secrets-jdk/ScanTree.java DIR [RUNS]
 */
public class ScanTree {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Outcome outcome = null;
        StringBuilder times = new StringBuilder();
        StringBuilder cpu = new StringBuilder();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            outcome = new SecretsCheck().run(new CheckContext(Params.NONE, "Secrets not in code", new RepoSnapshot(dir), null, false));
            times.append(String.format("%.2f ", (System.nanoTime() - start) / 1e9));
            cpu.append(String.format("%.2f ", (os.getProcessCpuTime() - cpuStart) / 1e9));
        }
        // CPU seconds tell the cost when other work shares the machine and stretches the wall time.
        System.out.println("wall s per run: " + times.toString().strip() + "; CPU s per run: " + cpu.toString().strip());
        System.out.println(outcome.status() + ": " + outcome.summary());
        for (Evidence e : outcome.evidence()) {
            System.out.println("  " + e.describe());
        }
    }
}
