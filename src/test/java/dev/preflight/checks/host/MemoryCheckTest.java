package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class MemoryCheckTest {
    /** A 4 GiB machine with 3.6 GiB in use, as its /proc/meminfo says it. */
    private static final String BUSY = """
            MemTotal:        4194304 kB
            MemFree:          131072 kB
            MemAvailable:     419430 kB
            Buffers:           10240 kB
            SwapTotal:       1048576 kB
            SwapFree:         524288 kB
            """;

    @TempDir
    Path root;

    private static Outcome judge(String meminfo, Map<String, String> params) {
        return MemoryCheck.judge(MemoryCheck.MemInfo.parse(meminfo).orElseThrow(), CheckContext.forHost(new Params(params), "Monitor memory usage", null));
    }

    @Test
    void passesOnThisMachineUnderAGenerousLine() {
        Outcome outcome = Hosts.check(new MemoryCheck(), HostRoot.live(), "Monitor memory usage", Map.of("minSize", "1MB", "percentAbove", "100"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains(" GiB in use (alert line 100%), at least 1MB");
    }

    @Test
    void failsWhenUseIsOverTheLineOrTheMachineIsSmallerThanTheItemSays() {
        Outcome over = judge(BUSY, Map.of("percentAbove", "80"));
        Outcome small = judge(BUSY, Map.of("minSize", "8GB", "percentAbove", "95"));

        assertThat(over.status()).isEqualTo(Status.FAIL);
        assertThat(over.summary()).isEqualTo("90.0% of memory in use, over the item's alert line of 80%");
        assertThat(small.status()).isEqualTo(Status.FAIL);
        assertThat(small.summary()).isEqualTo("4.0 GiB of memory, under the item's 8GB");
    }

    @Test
    void aMountedRootIsUnverifiedAndAMeminfoWithoutTheFiguresIsEmpty() {
        Outcome outcome = Hosts.check(new MemoryCheck(), HostRoot.mounted(root), "Monitor memory usage", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.skip()).isEqualTo(Outcome.Skip.UNVERIFIED);
        assertThat(MemoryCheck.MemInfo.parse("MemTotal: 100 kB\n")).isEmpty();
    }
}
