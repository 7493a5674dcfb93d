package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class DiskCheckTest {
    private static final String ITEM = "Ensure sufficient disk space (10GB+ recommended)";

    @TempDir
    Path dir;

    @Test
    void passesWhenTheFloorIsMetAndUsageIsUnderTheLine() {
        HostRoot host = HostRoot.mounted(dir);
        double used = host.space("/").orElseThrow().usedPercent();

        Outcome outcome = Hosts.check(new DiskCheck(), host, ITEM, Map.of("minSize", "1MB", "percentAbove", "100"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(used > 100 ? Status.FAIL : Status.PASS);
        assertThat(outcome.summary()).contains(" free on /, ").contains("(floor 1MB) (alert line 100%)");
    }

    @Test
    void failsWhenFreeSpaceIsUnderTheItemsFloor() {
        Outcome outcome = Hosts.check(new DiskCheck(), HostRoot.mounted(dir), ITEM, Map.of("minSize", "1000TB", "percentAbove", "100"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains(" free on /, under the item's 1000TB");
    }

    @Test
    void failsWhenUsageIsOverTheItemsAlertLine() {
        Outcome outcome = Hosts.check(new DiskCheck(), HostRoot.mounted(dir), "Alert when disk usage > 0%", Map.of("percentAbove", "0"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("/ is ").endsWith("% used, over the item's alert line of 0%");
    }

    @Test
    void readsTheLocationTheItemNamesAndErrsWhenItIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("var/backups"));

        Outcome there = Hosts.check(new DiskCheck(), HostRoot.mounted(dir), ITEM, Map.of("location", "/var/backups", "percentAbove", "100"));
        Outcome missing = Hosts.check(new DiskCheck(), HostRoot.mounted(dir), ITEM, Map.of("location", "/srv/nope"));

        assertThat(there.summary()).contains(" free on /var/backups, ");
        assertThat(missing.status()).isEqualTo(Status.ERROR);
        assertThat(missing.summary()).startsWith("/srv/nope does not exist on the host root ");
    }

    @Test
    void runsOnThisMachine() {
        Outcome outcome = Hosts.check(new DiskCheck(), HostRoot.live(), "Monitor disk usage", Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isIn(Status.PASS, Status.FAIL);
        assertThat(outcome.summary()).contains("(alert line 90%)").contains("on /");
    }
}
