import java.net.URI;
import java.time.Duration;

import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LoadGenerator;
import dev.preflight.load.LoadModel;
import dev.preflight.load.LoadResult;
import dev.preflight.load.LoadSpec;

/**
 * One closed-model run of Preflight's load generator, as wrk runs: CONNECTIONS connections for
 * SECONDS against URL. Prints one line: requests per second, the generator's own CPU seconds,
 * requests per CPU-second, p50/p90/p99 in ms, errors, and the p99 of the first second alone: the
 * JVM's warm-up, which a run of wrk does not have.
 * Run: java -cp 'target/preflight.jar:target/lib/*' bench/load/Closed.java URL CONNECTIONS SECONDS
 */
public class Closed {
    public static void main(String[] args) {
        URI url = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        LoadResult r = LoadGenerator.run(LoadSpec.of(url, new LoadModel.Closed(connections), 100_000_000L, duration), null);
        double cpu = r.cpu().toNanos() / 1e9;
        LatencyInterval first = r.timeline().getFirst();
        System.out.printf("%.0f req/s; %d requests; own CPU %.2f s; %.0f req per CPU-s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; errors %d;"
                          + " first second: p99 %.2f ms over %d requests%n",
                r.throughput(), r.sent(), cpu, r.sent() / cpu,
                r.percentile(50).toNanos() / 1e6, r.percentile(90).toNanos() / 1e6, r.percentile(99).toNanos() / 1e6, r.errorCount(),
                first.p99(), first.requests());
    }
}
