package dev.preflight.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs the repository schedules: crontab lines (crontab files, {@code /etc/cron.d}-style files
 * with a user field, {@code *.cron}) and systemd timers with the command of their service. Each job
 * knows how often it runs, when that can be read from its schedule.
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

    public static List<Job> find(RepoSnapshot repo) {
        List<Job> out = new ArrayList<>();
        for (String f : repo.files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.contains("cron") && !lower.endsWith(".md") && !lower.endsWith(".py") && !lower.endsWith(".go")) {
                cron(f, repo.read(f).orElse(""), lower.contains("cron.d/") || lower.endsWith("etc/crontab"), out);
            } else if (lower.endsWith(".timer")) {
                timer(repo, f, out);
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

    private static void timer(RepoSnapshot repo, String file, List<Job> out) {
        IniFile timer;
        try {
            timer = IniFile.parse(file, repo.read(file).orElse(""), false);
        } catch (CannotParse e) {
            return;
        }
        Optional<IniFile.Entry> calendar = timer.sections("Timer").stream().flatMap(s -> s.all("OnCalendar").stream()).findFirst();
        if (calendar.isEmpty()) {
            return;
        }
        String serviceName = timer.sections("Timer").stream().flatMap(s -> s.last("Unit").stream()).map(IniFile.Entry::value).findFirst()
                .orElse(file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.timer$", ".service"));
        String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
        String command = repo.read(folder + serviceName).flatMap(text -> {
            try {
                return IniFile.parse(folder + serviceName, text, false).sections("Service").stream()
                        .flatMap(s -> s.last("ExecStart").stream()).map(IniFile.Entry::value).findFirst();
            } catch (CannotParse e) {
                return Optional.empty();
            }
        }).orElse(serviceName);
        out.add(new Job(command, file, calendar.get().line(), "OnCalendar=" + calendar.get().value(), calendarInterval(calendar.get().value())));
    }
}
