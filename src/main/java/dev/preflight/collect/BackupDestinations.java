package dev.preflight.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.ScheduledJobs.Job;

/**
 * The directories the repository's backup writes to, read from its backup jobs: the command of
 * each cron entry or timer that makes a backup, the script it runs, then the other backup scripts.
 * A directory is named by an assignment ({@code BACKUP_DIR=/var/backups/app}), a dump's output
 * ({@code pg_dump -f /var/backups/app/db.dump}, {@code > /var/backups/app/db.sql.gz}) or the
 * pruning ({@code find /var/backups/app -mtime +30 -delete}). Only absolute paths count, and a
 * variable is expanded only when the same script assigns it a literal value: anything else
 * depends on the environment the job runs in, which the repository does not show.
 */
public final class BackupDestinations {
    private BackupDestinations() {
    }

    /** A backup directory on the host and the line of the repository that names it. */
    public record Destination(String directory, String file, int line) {
        public String where() {
            return file + ":" + line;
        }
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+|readonly\\s+|local\\s+)?([A-Za-z_]\\w*)=(\\S*)");
    /** A variable that names the backup directory, not a file in it nor a log. */
    private static final Pattern DIRECTORY_NAME = Pattern.compile("(?i)^(?!.*(FILE|LOG)$)\\w*(BACKUP|DUMP|DEST)\\w*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_]\\w*)}|\\$([A-Za-z_]\\w*)");
    private static final Pattern OUTPUT_OPTION = Pattern.compile("(?:^|\\s)(?:-f|--file|--result-file|-o|--output)(?:=|\\s+)[\"']?(/[^\\s\"';|&]+)");
    /** Standard output into a file: not {@code 2>} nor {@code &>}, which carry the job's errors. */
    private static final Pattern REDIRECT = Pattern.compile("(?<![\\d&>])>>?\\s*[\"']?(/[^\\s\"';|&)]+)");
    private static final Pattern FIND_PRUNE = Pattern.compile("\\bfind\\s+[\"']?(/[^\\s\"';|&]+).*-mtime\\s+\\+\\S+.*(-delete|-exec\\s+rm)");
    /** The places that hold a job's log or nothing at all, never its backups. */
    private static final Pattern NOT_A_BACKUP = Pattern.compile("^/(dev|proc|var/log)(/|$)|\\.log$");

    /** The repository's backup directories, first the one its first backup job names; read once per run. */
    public static List<Destination> of(RepoSnapshot repo) {
        return repo.derived("backup-destinations", BackupDestinations::find);
    }

    private static List<Destination> find(RepoSnapshot repo) {
        Map<String, Destination> found = new LinkedHashMap<>();
        List<String> scanned = new ArrayList<>();
        for (Job job : ScheduledJobs.find(repo)) {
            if (!ScheduledJobs.BACKUP_COMMAND.matcher(job.command()).find()) {
                continue;
            }
            scan(job.file(), job.command(), job.line(), found);
            Optional<String> script = ScheduledJobs.scriptOf(repo, job);
            if (script.isPresent() && !scanned.contains(script.get())) {
                scanned.add(script.get());
                repo.read(script.get()).ifPresent(text -> scan(script.get(), text, 1, found));
            }
        }
        for (String f : repo.files()) {
            String name = f.substring(f.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (name.contains("backup") && (name.endsWith(".sh") || name.endsWith(".bash")) && !scanned.contains(f)) {
                repo.read(f).ifPresent(text -> scan(f, text, 1, found));
            }
        }
        return List.copyOf(found.values());
    }

    /** Each line of a script (or a job's one command, at {@code firstLine}) that names a backup directory. */
    private static void scan(String file, String text, int firstLine, Map<String, Destination> found) {
        Map<String, String> literals = new LinkedHashMap<>();
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (assignment.find()) {
                String value = expand(unquoted(assignment.group(2)), literals);
                literals.put(assignment.group(1), value);
                if (DIRECTORY_NAME.matcher(assignment.group(1)).matches()) {
                    add(directory(value, false), file, firstLine + i, found);
                    continue;
                }
            }
            String expanded = expand(line, literals);
            Matcher prune = FIND_PRUNE.matcher(expanded);
            if (prune.find()) {
                add(directory(prune.group(1), false), file, firstLine + i, found);
                continue;
            }
            if (!ScheduledJobs.BACKUP_COMMAND.matcher(expanded).find()) {
                continue;
            }
            for (Pattern output : List.of(OUTPUT_OPTION, REDIRECT)) {
                Matcher m = output.matcher(expanded);
                while (m.find()) {
                    add(directory(m.group(1), true), file, firstLine + i, found);
                }
            }
        }
    }

    private static String unquoted(String value) {
        return value.replaceAll("^[\"']|[\"']$", "");
    }

    /** The line with each variable the script assigned literally replaced by its value; others stay as they are. */
    private static String expand(String line, Map<String, String> literals) {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(literals.getOrDefault(name, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The absolute directory a path names: the path itself, or its parent when it is a file (a
     * dump's output, or a last segment with a dot or a substitution such as {@code db-$(date +%F).dump}).
     * Empty when the directory part depends on anything unexpanded.
     */
    private static Optional<String> directory(String path, boolean isFile) {
        String p = path.replaceAll("/+$", "");
        if (!p.startsWith("/") || NOT_A_BACKUP.matcher(p).find()) {
            return Optional.empty();
        }
        int slash = p.lastIndexOf('/');
        String last = p.substring(slash + 1);
        String dir = isFile || last.contains(".") || last.contains("$") || last.contains("`") ? p.substring(0, slash) : p;
        if (dir.isEmpty() || dir.matches(".*[$`*?~\\\\].*")) {
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    private static void add(Optional<String> directory, String file, int line, Map<String, Destination> found) {
        directory.ifPresent(d -> found.putIfAbsent(d, new Destination(d, file, line)));
    }
}
