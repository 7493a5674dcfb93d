import java.nio.file.Path;
import java.util.Arrays;

import dev.preflight.binding.Binder;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.config.PreflightConfig;

/**
 * Times reading, parsing and binding one checklist in-process, after the catalog is loaded.
 * Prints the first (cold) run and the median of the following ones, in milliseconds.
 * Usage: java -XX:TieredStopAtLevel=1 -cp "target/preflight.jar:target/lib/*" bench/ParseAndBind.java FILE RUNS
 * (the JIT setting of the ./preflight launcher)
 */
public class ParseAndBind {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Catalog catalog = Catalog.standard();
        long[] ms = new long[runs];
        int items = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Checklist checklist = new ChecklistParser().parse(file);
            items = new Binder(catalog, PreflightConfig.EMPTY).bind(checklist).size();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long cold = ms[0];
        long[] warm = Arrays.copyOfRange(ms, 1, runs);
        Arrays.sort(warm);
        System.out.printf("items=%d cold_ms=%d warm_median_ms=%d%n", items, cold, warm.length == 0 ? cold : warm[warm.length / 2]);
    }
}
