package dev.preflight.checks.host;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * certbot's renewal runs on a schedule (its systemd timer enabled, or a cron line running
 * {@code certbot renew}), and every certificate it manages (/etc/letsencrypt/renewal/*.conf) is
 * further from expiry than certbot's renewal point: a certificate past it means renewal runs and fails.
 */
@CheckInfo(id = "host.cert-renewal", title = "Certificate renewal is scheduled and would succeed", target = TargetKind.HOST,
        phrases = {"\\bauto(matic)?[- ]?renewal", "certbot renew", "\\brenewal (timer|scheduled|cron)", "certificate renewal"})
public final class CertRenewalCheck implements Check {
    /** The debian package's timer, and the snap's. */
    private static final List<String> TIMERS = List.of("certbot.timer", "snap.certbot.renew.timer");
    private static final String RENEWAL_DIR = "/etc/letsencrypt/renewal";
    /** certbot renews a certificate once it has fewer days left than renew_before_expiry, 30 by default. */
    private static final int DEFAULT_RENEW_BEFORE_DAYS = 30;
    /** The timer runs twice a day; a day's slack keeps a renewal due this morning from failing the check. */
    private static final int SLACK_DAYS = 1;
    private static final Pattern RENEW_BEFORE = Pattern.compile("(?m)^\\s*renew_before_expiry\\s*=\\s*(\\d+)\\s*days?\\b");
    private static final Pattern CERT_LINE = Pattern.compile("(?m)^\\s*cert\\s*=\\s*(\\S+)");

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        List<String> confs = host.list(RENEWAL_DIR).stream().filter(n -> n.endsWith(".conf")).toList();
        Optional<String> certbot = SoftwareVersionCheck.PATH_DIRS.stream().map(d -> d + "/certbot").filter(host::exists).findFirst();
        if (certbot.isEmpty() && confs.isEmpty()) {
            return Outcome.manual("certbot is not installed on " + host.describe() + " and manages no certificate; another ACME client's "
                    + "renewal (acme.sh, Caddy, a load balancer's) is not read", "Attest how certificates are renewed, or install certbot.");
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> schedules = new ArrayList<>();
        for (String timer : TIMERS) {
            if (SystemdUnits.installed(host, timer).isPresent() && !SystemdUnits.masked(host, timer)) {
                SystemdUnits.enabledBy(host, timer).ifPresent(link -> {
                    schedules.add(timer);
                    evidence.add(new Evidence.Note("enabled: " + link));
                });
            }
        }
        boolean systemd = host.exists("/lib/systemd/systemd") || host.exists("/usr/lib/systemd/systemd");
        cronLines(host).forEach(line -> {
            // Debian's /etc/cron.d/certbot stands down when systemd runs, leaving renewal to the timer.
            if (systemd && line.excerpt().contains("-d /run/systemd/system")) {
                evidence.add(new Evidence.Note(line.path() + ":" + line.line() + " runs only without systemd, which this host has"));
            } else {
                schedules.add(line.path());
                evidence.add(line);
            }
        });
        List<String> problems = new ArrayList<>();
        if (schedules.isEmpty()) {
            problems.add("certbot renew is not scheduled (no enabled certbot.timer or snap.certbot.renew.timer, no cron line running it)");
        }
        if (confs.isEmpty()) {
            problems.add("certbot manages no certificate (" + RENEWAL_DIR + " has no .conf)");
        }
        long nearest = Long.MAX_VALUE;
        for (String conf : confs) {
            String path = RENEWAL_DIR + "/" + conf;
            String text = host.read(path).orElse("");
            String name = conf.substring(0, conf.length() - ".conf".length());
            Matcher certLine = CERT_LINE.matcher(text);
            String certPath = certLine.find() ? certLine.group(1) : "/etc/letsencrypt/live/" + name + "/cert.pem";
            Matcher before = RENEW_BEFORE.matcher(text);
            int renewBefore = before.find() ? Integer.parseInt(before.group(1)) : DEFAULT_RENEW_BEFORE_DAYS;
            Optional<X509Certificate> cert = host.read(certPath).flatMap(CertRenewalCheck::parse);
            if (cert.isEmpty()) {
                problems.add(name + ": its certificate " + certPath + " is missing or unreadable");
                continue;
            }
            long days = Duration.between(Instant.now(), cert.get().getNotAfter().toInstant()).toDays();
            nearest = Math.min(nearest, days);
            evidence.add(new Evidence.Measurement(name + " expires in", days, "days"));
            if (days < 0) {
                problems.add(name + " expired " + (-days) + " day(s) ago");
            } else if (days < renewBefore - SLACK_DAYS) {
                problems.add(name + " expires in " + days + " day(s), past certbot's renewal point of " + renewBefore + " days: renewal is failing");
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " on " + host.describe(),
                    "systemctl enable --now certbot.timer (or a cron line running certbot renew -q twice a day); run certbot renew --dry-run and fix what it reports.",
                    evidence);
        }
        return Outcome.pass("certbot renew is scheduled (" + String.join(", ", schedules) + "); " + confs.size()
                + " certificate(s), the nearest expiring in " + nearest + " days", evidence);
    }

    /** Uncommented lines running certbot renew in the system crontab, /etc/cron.d and the users' crontabs. */
    private static List<Evidence.FileLine> cronLines(HostRoot host) {
        List<String> files = new ArrayList<>(List.of("/etc/crontab"));
        host.list("/etc/cron.d").forEach(n -> files.add("/etc/cron.d/" + n));
        host.list("/var/spool/cron/crontabs").forEach(n -> files.add("/var/spool/cron/crontabs/" + n));
        List<Evidence.FileLine> out = new ArrayList<>();
        for (String file : files) {
            String[] lines = host.read(file).orElse("").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.startsWith("#") && line.contains("certbot") && line.matches(".*\\b(renew|certbot-renew)\\b.*")) {
                    out.add(new Evidence.FileLine(file, i + 1, line));
                }
            }
        }
        return out;
    }

    private static Optional<X509Certificate> parse(String pem) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
