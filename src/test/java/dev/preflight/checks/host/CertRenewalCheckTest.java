package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.tls.TestKeystore;

class CertRenewalCheckTest {
    private static final String ITEM = "Configure automatic renewal";

    @TempDir
    Path root;

    @TempDir
    Path keys;

    /**
     * certbot as Debian's package and {@code certbot --nginx -d example.com} leave it: the timer
     * enabled, the cron file that stands down under systemd, a renewal conf, and live/ linking into archive/.
     */
    private void certbotWithCertificate(Map<String, String> validity) throws Exception {
        write("usr/bin/certbot", "#!/usr/bin/python3\n");
        write("lib/systemd/systemd", "");
        write("lib/systemd/system/certbot.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/certbot -q renew\n");
        write("lib/systemd/system/certbot.timer", "[Timer]\nOnCalendar=*-*-* 00,12:00:00\nRandomizedDelaySec=43200\nPersistent=true\n");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/timers.target.wants"));
        Files.createSymbolicLink(wants.resolve("certbot.timer"), Path.of("/lib/systemd/system/certbot.timer"));
        write("etc/cron.d/certbot", """
                # /etc/cron.d/certbot: crontab entries for the certbot package
                #
                # Important Note!  This cronjob will NOT be executed if you are
                # running systemd as your init system.
                SHELL=/bin/sh
                PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

                0 */12 * * * root test -x /usr/bin/certbot -a \\! -d /run/systemd/system && perl -e 'sleep int(rand(43200))' && certbot -q renew
                """);
        write("etc/letsencrypt/renewal/example.com.conf", """
                # renew_before_expiry = 30 days
                version = 2.1.0
                archive_dir = /etc/letsencrypt/archive/example.com
                cert = /etc/letsencrypt/live/example.com/cert.pem
                privkey = /etc/letsencrypt/live/example.com/privkey.pem
                chain = /etc/letsencrypt/live/example.com/chain.pem
                fullchain = /etc/letsencrypt/live/example.com/fullchain.pem

                # Options used in the renewal process
                [renewalparams]
                account = 0123456789abcdef0123456789abcdef
                authenticator = nginx
                installer = nginx
                server = https://acme-v02.api.letsencrypt.org/directory
                """);
        TestKeystore cert = TestKeystore.make(keys, "example", validity);
        Path archive = Files.createDirectories(root.resolve("etc/letsencrypt/archive/example.com"));
        Files.copy(cert.certificatePem(), archive.resolve("cert1.pem"));
        Path live = Files.createDirectories(root.resolve("etc/letsencrypt/live/example.com"));
        Files.createSymbolicLink(live.resolve("cert.pem"), Path.of("../../archive/example.com/cert1.pem"));
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Outcome check() {
        return Hosts.check(new CertRenewalCheck(), HostRoot.mounted(root), ITEM, Map.of());
    }

    @Test
    void passesWhenTheTimerIsEnabledAndTheCertificateIsFresh() throws Exception {
        certbotWithCertificate(Map.of("-validity", "90"));

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).matches("certbot renew is scheduled \\(certbot.timer\\); 1 certificate\\(s\\), the nearest expiring in (89|90) days");
        assertThat(outcome.evidence()).contains(new Evidence.Note("enabled: /etc/systemd/system/timers.target.wants/certbot.timer"),
                new Evidence.Note("/etc/cron.d/certbot:8 runs only without systemd, which this host has"));
    }

    @Test
    void failsWhenTheTimerIsDisabledOnASystemdHost() throws Exception {
        certbotWithCertificate(Map.of("-validity", "90"));
        Files.delete(root.resolve("etc/systemd/system/timers.target.wants/certbot.timer"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("certbot renew is not scheduled");
    }

    @Test
    void failsWhenTheCertificateIsPastItsRenewalPoint() throws Exception {
        certbotWithCertificate(Map.of("-startdate", "-80d", "-validity", "90"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).matches("example.com expires in (9|10) day\\(s\\), past certbot's renewal point of 30 days: renewal is failing on .*");
    }

    @Test
    void passesWithACronLineInRootsCrontab() throws Exception {
        certbotWithCertificate(Map.of("-validity", "90"));
        Files.delete(root.resolve("etc/systemd/system/timers.target.wants/certbot.timer"));
        write("var/spool/cron/crontabs/root", "# m h dom mon dow command\n17 3 * * * /usr/bin/certbot renew --quiet --deploy-hook 'systemctl reload nginx'\n");

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("certbot renew is scheduled (/var/spool/cron/crontabs/root)");
    }

    @Test
    void asksForAnAttestationWhenCertbotIsNotThere() {
        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.MANUAL);
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new CertRenewalCheck(), HostRoot.live(), ITEM, Map.of()).status()).isIn(Status.PASS, Status.FAIL, Status.MANUAL);
    }
}
