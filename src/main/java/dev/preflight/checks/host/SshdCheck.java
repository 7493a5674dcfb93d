package dev.preflight.checks.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SshdConfig;

/**
 * The host's sshd refuses root logins and passwords, as the item asks: its effective settings
 * (first value wins, drop-ins included, OpenSSH's defaults when a keyword is absent) and any Match
 * block that re-opens what the global settings close.
 */
@CheckInfo(id = "host.sshd", title = "sshd refuses root login and passwords", target = TargetKind.HOST, severity = Severity.CRITICAL,
        phrases = {"\\broot (ssh )?login", "\\bssh login", "\\bssh keys", "\\bpassword auth", "PermitRootLogin", "PasswordAuthentication", "\\bsshd"},
        related = {"lynis:SSH-7408"})
public final class SshdCheck implements Check {
    private static final Pattern ROOT = Pattern.compile("\\broot\\b|PermitRootLogin", Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD = Pattern.compile("password|\\bkeys?\\b", Pattern.CASE_INSENSITIVE);
    /** "No root login with a password" is met by prohibit-password; "disable root login" only by no. */
    private static final Pattern ROOT_PASSWORD_ONLY = Pattern.compile("\\broot\\b.*\\bpassword|\\bpassword\\b.*\\broot\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        Optional<SshdConfig> read = SshdConfig.read(host);
        if (read.isEmpty()) {
            return Outcome.notApplicable("no " + SshdConfig.MAIN + " on " + host.describe() + ": sshd is not installed");
        }
        SshdConfig config = read.get();
        String item = context.itemText();
        boolean askRoot = ROOT.matcher(item).find();
        boolean askPassword = PASSWORD.matcher(item).find() && !ROOT_PASSWORD_ONLY.matcher(item).find();
        if (!askRoot && !askPassword) {
            askRoot = true;
            askPassword = true;
        }
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        List<Evidence> warnings = new ArrayList<>();
        config.unreadIncludes().forEach(f -> warnings.add(new Evidence.Note("Include " + f + " cannot be read: its settings are not seen")));
        if (askRoot) {
            List<String> allowed = ROOT_PASSWORD_ONLY.matcher(item).find()
                    ? List.of("no", "prohibit-password", "without-password", "forced-commands-only") : List.of("no");
            judge(config, "PermitRootLogin", "prohibit-password", allowed, problems, good, warnings);
        }
        if (askPassword) {
            judge(config, "PasswordAuthentication", "yes", List.of("no"), problems, good, warnings);
            keyboardInteractive(config, warnings);
        }
        String fix = "In /etc/ssh/sshd_config (or a drop-in it includes first): 'PermitRootLogin no' and 'PasswordAuthentication no'; "
                + "remove Match blocks that re-enable them; check with 'sshd -T' and reload sshd.";
        if (!problems.isEmpty()) {
            problems.addAll(warnings);
            return Outcome.fail(problems.getFirst().describe(), fix, problems);
        }
        if (!warnings.isEmpty()) {
            warnings.addAll(good);
            return Outcome.warn(warnings.getFirst().describe(), fix, warnings);
        }
        return Outcome.pass(good.stream().map(SshdCheck::shortForm).reduce((a, b) -> a + "; " + b).orElse(""), good);
    }

    private static void judge(SshdConfig config, String keyword, String defaultValue, List<String> allowed,
                              List<Evidence> problems, List<Evidence> good, List<Evidence> warnings) {
        Optional<SshdConfig.Setting> global = config.global(keyword);
        String value = global.map(s -> s.value().toLowerCase(Locale.ROOT)).orElse(defaultValue);
        String where = global.map(SshdConfig.Setting::describe).orElse(keyword + " not set: OpenSSH's default is " + defaultValue);
        if (allowed.contains(value)) {
            good.add(global.<Evidence>map(s -> new Evidence.FileLine(s.file(), s.line(), s.keyword() + " " + s.value()))
                    .orElse(new Evidence.Note(where)));
        } else {
            problems.add(global.<Evidence>map(s -> new Evidence.FileLine(s.file(), s.line(), keyword + " " + s.value() + " (wanted: " + String.join(" or ", allowed) + ")"))
                    .orElse(new Evidence.Note(where + " (wanted: " + String.join(" or ", allowed) + ")")));
        }
        for (SshdConfig.Setting s : config.underMatch(keyword)) {
            if (!allowed.contains(s.value().toLowerCase(Locale.ROOT))) {
                warnings.add(new Evidence.FileLine(s.file(), s.line(), keyword + " " + s.value() + " under Match " + s.match()));
            }
        }
    }

    /** With PAM, keyboard-interactive authentication asks for the same password PasswordAuthentication no refuses. */
    private static void keyboardInteractive(SshdConfig config, List<Evidence> warnings) {
        boolean pam = config.global("UsePAM").map(s -> s.value().equalsIgnoreCase("yes")).orElse(false);
        Optional<SshdConfig.Setting> kbd = config.global("KbdInteractiveAuthentication").or(() -> config.global("ChallengeResponseAuthentication"));
        boolean kbdOn = kbd.map(s -> s.value().equalsIgnoreCase("yes")).orElse(true);
        if (pam && kbdOn) {
            warnings.add(kbd.<Evidence>map(s -> new Evidence.FileLine(s.file(), s.line(), s.keyword() + " " + s.value() + " with UsePAM yes: PAM may still ask for a password"))
                    .orElse(new Evidence.Note("KbdInteractiveAuthentication not set (default yes) with UsePAM yes: PAM may still ask for a password")));
        }
    }

    private static String shortForm(Evidence e) {
        return switch (e) {
            case Evidence.FileLine f -> f.excerpt();
            default -> e.describe();
        };
    }
}
