package dev.preflight.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * The jobs a repository or a host schedules: crontab lines (crontab files, {@code /etc/cron.d}-style
 * files with a user field, {@code *.cron}), the scripts of a host's {@code /etc/cron.daily} and
 * its siblings, and systemd timers with the command of their service. Each job knows how often it
 * runs, when that can be read from its schedule.
 */
public final class ScheduledJobs {
    private ScheduledJobs() {
    }

    /** A scheduled command, where it is scheduled (the line, credentials masked), and its interval (empty when the schedule is irregular). */
    public record Job(String command, String file, int line, String schedule, Optional<Duration> interval) {
    }

    private static final String FIELD = "[\\d*/,-]+";
    private static final Pattern CRON_LINE = Pattern.compile("^(" + FIELD + ")\\s+(" + FIELD + ")\\s+(" + FIELD + ")\\s+(" + FIELD
            + ")\\s+([\\d*/,A-Za-z-]+)\\s+(.+)$");
    private static final Pattern CRON_MACRO = Pattern.compile("^@(hourly|daily|midnight|weekly|monthly|yearly|annually|reboot)\\s+(.+)$");
    private static final Pattern USER_FIELD = Pattern.compile("^[a-z_][a-z0-9_-]*\\s+(.+)$");
    /** A command that makes a backup: a backup script or tool, or a database dump. */
    public static final Pattern BACKUP_COMMAND = Pattern.compile("(?i)backup|pg_dump|pg_basebackup|mysqldump|mariadb-dump|mongodump|restic|borg|\\.backup\\b");
    /** The directories whose scripts cron runs (through run-parts or anacron) at their interval. */
    private static final List<String> PERIODIC = List.of("hourly", "daily", "weekly", "monthly");
    private static final Pattern SCRIPT_PATH = Pattern.compile("([\\w./-]+\\.(?:sh|bash|py))\\b");

    public static List<Job> find(RepoSnapshot repo) {
        List<Job> out = new ArrayList<>();
        for (String f : repo.files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.contains("cron") && !lower.endsWith(".md") && !lower.endsWith(".py") && !lower.endsWith(".go")) {
                cron(f, repo.read(f).orElse(""), lower.contains("cron.d/") || lower.endsWith("etc/crontab"), out);
            } else if (lower.endsWith(".timer")) {
                String folder = f.contains("/") ? f.substring(0, f.lastIndexOf('/') + 1) : "";
                timer(f, repo.read(f).orElse(""), service -> repo.read(folder + service).map(text -> new UnitFile(folder + service, text)), out);
            }
        }
        return out;
    }

    /**
     * The jobs a host schedules: /etc/crontab, /etc/cron.d, the users' crontabs (Debian's
     * /var/spool/cron/crontabs and Red Hat's /var/spool/cron), the scripts of /etc/cron.hourly to
     * cron.monthly, and the timers in /etc/systemd/system with their service from any unit directory.
     */
    public static List<Job> onHost(HostRoot host) {
        List<Job> out = new ArrayList<>();
        host.read("/etc/crontab").ifPresent(text -> cron("/etc/crontab", text, true, out));
        for (String name : host.list("/etc/cron.d")) {
            host.read("/etc/cron.d/" + name).ifPresent(text -> cron("/etc/cron.d/" + name, text, true, out));
        }
        for (String spool : List.of("/var/spool/cron/crontabs", "/var/spool/cron")) {
            for (String name : host.list(spool)) {
                host.read(spool + "/" + name).ifPresent(text -> cron(spool + "/" + name, text, false, out));
            }
        }
        for (String period : PERIODIC) {
            String dir = "/etc/cron." + period;
            for (String name : host.list(dir)) {
                if (!name.startsWith(".") && host.read(dir + "/" + name).isPresent()) {
                    out.add(new Job(dir + "/" + name, dir + "/" + name, 0, "in " + dir, calendarInterval(period)));
                }
            }
        }
        for (String name : host.list("/etc/systemd/system")) {
            String file = "/etc/systemd/system/" + name;
            if (name.endsWith(".timer")) {
                host.read(file).ifPresent(text -> timer(file, text,
                        service -> SystemdUnits.installed(host, service).flatMap(path -> host.read(path).map(t -> new UnitFile(path, t))), out));
            }
        }
        return out;
    }

    private static void cron(String file, String text, boolean systemFormat, List<Job> out) {
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = CRON_LINE.matcher(line);
            Matcher macro = CRON_MACRO.matcher(line);
            if (m.matches()) {
                String command = systemFormat ? withoutUser(m.group(6)) : m.group(6);
                out.add(new Job(command, file, i + 1, CommandLine.masked(line), cronInterval(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5))));
            } else if (macro.matches()) {
                String command = systemFormat ? withoutUser(macro.group(2)) : macro.group(2);
                out.add(new Job(command, file, i + 1, CommandLine.masked(line), calendarInterval(macro.group(1))));
            }
        }
    }

    private static String withoutUser(String rest) {
        Matcher m = USER_FIELD.matcher(rest);
        return m.matches() ? m.group(1) : rest;
    }

    /** The interval of a regular cron schedule: every hour, day, week or month. */
    static Optional<Duration> cronInterval(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
        boolean single = minute.matches("\\d+");
        if (!single || !month.equals("*")) {
            return Optional.empty();
        }
        if (hour.equals("*") && dayOfMonth.equals("*") && dayOfWeek.equals("*")) {
            return Optional.of(Duration.ofHours(1));
        }
        if (!hour.matches("\\d+")) {
            return Optional.empty();
        }
        if (dayOfMonth.equals("*") && dayOfWeek.equals("*")) {
            return Optional.of(Duration.ofDays(1));
        }
        if (dayOfMonth.equals("*") && dayOfWeek.matches("\\w+")) {
            return Optional.of(Duration.ofDays(7));
        }
        if (dayOfMonth.matches("\\d+") && dayOfWeek.equals("*")) {
            return Optional.of(Duration.ofDays(31));
        }
        return Optional.empty();
    }

    /** systemd's OnCalendar shorthands and cron's macros; a full {@code *-*-* 02:00:00} form is daily. */
    static Optional<Duration> calendarInterval(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "hourly" -> Optional.of(Duration.ofHours(1));
            case "daily", "midnight" -> Optional.of(Duration.ofDays(1));
            case "weekly" -> Optional.of(Duration.ofDays(7));
            case "monthly" -> Optional.of(Duration.ofDays(31));
            case "yearly", "annually" -> Optional.of(Duration.ofDays(366));
            default -> s.matches("\\*-\\*-\\*\\s+\\d{1,2}:\\d{2}(:\\d{2})?") ? Optional.of(Duration.ofDays(1))
                    : s.matches("(mon|tue|wed|thu|fri|sat|sun)\\w*\\s+\\*-\\*-\\*\\s+\\d{1,2}:\\d{2}(:\\d{2})?") ? Optional.of(Duration.ofDays(7))
                    : Optional.empty();
        };
    }

    private record UnitFile(String file, String text) {
    }

    /** A timer's job; {@code service} finds its service unit by name, as its file and text. */
    private static void timer(String file, String text, Function<String, Optional<UnitFile>> service, List<Job> out) {
        IniFile timer;
        try {
            timer = IniFile.parse(file, text, false);
        } catch (CannotParse e) {
            return;
        }
        Optional<IniFile.Entry> calendar = timer.sections("Timer").stream().flatMap(s -> s.all("OnCalendar").stream()).findFirst();
        if (calendar.isEmpty()) {
            return;
        }
        String serviceName = timer.sections("Timer").stream().flatMap(s -> s.last("Unit").stream()).map(IniFile.Entry::value).findFirst()
                .orElse(file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.timer$", ".service"));
        String command = service.apply(serviceName).flatMap(unit -> {
            try {
                return IniFile.parse(unit.file(), unit.text(), false).sections("Service").stream()
                        .flatMap(s -> s.last("ExecStart").stream()).map(IniFile.Entry::value).findFirst();
            } catch (CannotParse e) {
                return Optional.empty();
            }
        }).orElse(serviceName);
        out.add(new Job(command, file, calendar.get().line(), "OnCalendar=" + calendar.get().value(), calendarInterval(calendar.get().value())));
    }

    /** The repository's script a job runs (shell or Python), matched by file name: the job names it by its path on the server. */
    public static Optional<String> scriptOf(RepoSnapshot repo, Job job) {
        Matcher path = SCRIPT_PATH.matcher(job.command());
        if (!path.find()) {
            return Optional.empty();
        }
        String name = path.group(1).substring(path.group(1).lastIndexOf('/') + 1);
        return repo.files().stream().filter(f -> f.endsWith("/" + name) || f.equals(name)).findFirst();
    }
}
