package dev.preflight.checks.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CommandLine;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.ScheduledJobs;
import dev.preflight.collect.ScheduledJobs.Job;

/**
 * The repository schedules its backup: a cron entry or systemd timer runs a backup script (or a
 * dump command) at least as often as the item says, and the script prunes old backups no sooner
 * than the item's retention. The host checks (backup.*) then verify that the job really runs.
 */
@CheckInfo(id = "config.backup-jobs", title = "A cron entry or systemd timer in the repository runs the backup and prunes old ones",
        target = TargetKind.REPO, severity = Severity.MEDIUM,
        phrases = {"\\b(create|write|add)\\w* (a )?backup script", "\\bautomated backup script", "\\bcron\\b.*\\bbackup",
                "\\bautomated (daily |nightly |weekly )?backups\\b", "\\bbackup retention"},
        params = {"every", "retention"},
        related = {"restic:forget", "borg:prune"})
public final class BackupJobsCheck implements Check {
    private static final Pattern FIND_PRUNE = Pattern.compile("\\bfind\\b.*-mtime\\s+\\+(\\d+|\\$\\{?\\w+}?).*(-delete|-exec\\s+rm)");
    private static final Pattern KEEP_DAYS = Pattern.compile("--keep-(daily|within)[=\\s]+(\\d+)d?");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Job> jobs = ScheduledJobs.find(repo).stream().filter(j -> ScheduledJobs.BACKUP_COMMAND.matcher(j.command()).find()).toList();
        List<String> scripts = repo.files().stream().filter(f -> {
            String name = f.substring(f.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            return name.contains("backup") && (name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".py"));
        }).toList();
        if (jobs.isEmpty() && scripts.isEmpty()) {
            return Outcome.notApplicable("no backup script, cron entry or systemd timer in the repository (the host checks read the host's schedule)");
        }
        String fix = "Schedule the backup script (cron: '0 2 * * * /srv/app/scripts/backup.sh', or a systemd timer with OnCalendar=daily) "
                + "and prune old backups in it: find /var/backups/app -name '*.gz' -mtime +30 -delete.";
        if (jobs.isEmpty()) {
            return Outcome.fail(scripts.getFirst() + " exists but no cron entry or systemd timer in the repository runs it", fix,
                    scripts.stream().map(s -> (Evidence) new Evidence.FileLine(s, 0, "not scheduled")).toList());
        }
        Optional<Duration> every = context.params().duration(Param.EVERY);
        Optional<Duration> retention = context.params().duration(Param.RETENTION);
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> warnings = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        for (Job job : jobs) {
            Evidence.FileLine where = new Evidence.FileLine(job.file(), job.line(), job.schedule());
            if (every.isPresent() && (job.interval().isEmpty() || job.interval().get().compareTo(every.get()) > 0)) {
                problems.add(new Evidence.FileLine(job.file(), job.line(), job.schedule() + " (runs "
                        + job.interval().map(BackupJobsCheck::describe).orElse("on an irregular schedule") + ", the item asks every "
                        + describe(every.get()) + ")"));
            } else {
                good.add(where);
            }
            prune(repo, job, scripts, retention, problems, warnings, good);
        }
        if (!problems.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(problems);
            evidence.addAll(warnings);
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " backup schedule problems", fix, evidence);
        }
        if (!warnings.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(warnings);
            evidence.addAll(good);
            return Outcome.warn(warnings.getFirst().describe(), fix, evidence);
        }
        return Outcome.pass(jobs.size() + " backup job(s) scheduled, old backups pruned", good);
    }

    /** The pruning in the script the job runs: find -mtime +N -delete, or restic/borg --keep-daily N. */
    private static void prune(RepoSnapshot repo, Job job, List<String> scripts, Optional<Duration> retention,
                              List<Evidence> problems, List<Evidence> warnings, List<Evidence> good) {
        Optional<String> script = ScheduledJobs.scriptOf(repo, job);
        String file = script.orElse(job.file());
        String text = script.flatMap(repo::read).orElse(job.command());
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher find = FIND_PRUNE.matcher(lines[i]);
            Matcher keep = KEEP_DAYS.matcher(lines[i]);
            Optional<String> days = find.find() ? resolve(find.group(1), text) : keep.find() ? Optional.of(keep.group(2)) : Optional.empty();
            if (days.isPresent()) {
                int lineNo = script.isPresent() ? i + 1 : job.line();
                long kept = Long.parseLong(days.get());
                if (retention.isPresent() && Duration.ofDays(kept).compareTo(retention.get()) < 0) {
                    problems.add(new Evidence.FileLine(file, lineNo, CommandLine.masked(lines[i].strip()) + " (deletes backups after " + kept
                            + " days, the item keeps " + describe(retention.get()) + ")"));
                } else {
                    good.add(new Evidence.FileLine(file, lineNo, CommandLine.masked(lines[i].strip()) + " (keeps " + kept + " days)"));
                }
                return;
            }
        }
        String problem = "no pruning of old backups (find -mtime +N -delete) in " + file;
        Evidence.FileLine where = new Evidence.FileLine(file, 0, problem);
        if (retention.isPresent()) {
            problems.add(where);
        } else {
            warnings.add(where);
        }
    }

    /** A number of days, or the value a shell variable of the script is set to ({@code RETENTION_DAYS=30}). */
    private static Optional<String> resolve(String days, String script) {
        if (days.matches("\\d+")) {
            return Optional.of(days);
        }
        String name = days.replaceAll("[${}]", "");
        Matcher m = Pattern.compile("(?m)^\\s*(?:export\\s+)?" + Pattern.quote(name) + "=[\"']?(\\d+)").matcher(script);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String describe(Duration d) {
        return d.toDays() >= 1 && d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
