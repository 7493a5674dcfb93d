package dev.preflight.checks.repo;

import java.util.Comparator;
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
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;

/**
 * The documents an item asks for exist and say something. The kind is read from the item's words
 * (a file name such as QUICKSTART.md, or README, runbook, deployment guide, backup/restore procedure,
 * troubleshooting, emergency procedures, disaster recovery, API docs). A document counts when a file
 * is named for it, or when a Markdown heading in the repository's docs is.
 */
@CheckInfo(id = "repo.docs", title = "Documents named by the item exist and are not empty", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\breadme\\b", "runbook", "\\bdocument(ed|ation)?\\b.*\\b(deployment|backup|restore|emergency|api|recovery|procedure)",
                "deployment guide", "troubleshooting", "\\bapi (docs|documentation)\\b", "disaster recovery plan",
                "[A-Za-z0-9_-]+\\.(md|rst|adoc)\\b"},
        params = {"document"},
        related = {"repolinter:readme-file-exists", "openssf-best-practices:documentation_basics"})
public final class DocsCheck implements Check {
    /** Minimum non-blank characters for a document to count as written, so a stub "TODO" does not pass. */
    static final int MIN_CHARS = 40;
    private static final Pattern HEADING = Pattern.compile(" {0,3}(#{1,6})\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile(" {0,3}(```|~~~)");
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z0-9_.-]+\\.(?:md|rst|adoc|txt))\\b");

    /** A kind of document: the item words that ask for it and the file or heading words that provide it. */
    record Kind(String name, Pattern asked, Pattern provided) {
        Kind(String name, String asked, String provided) {
            this(name, Pattern.compile(asked, Pattern.CASE_INSENSITIVE), Pattern.compile(provided, Pattern.CASE_INSENSITIVE));
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("README", "\\breadme\\b", "^readme\\b"),
            new Kind("runbook", "runbook|common issues", "runbook|playbook|operations"),
            new Kind("deployment guide", "deploy(ment)?\\b.*(guide|process|procedure|docs?)|document deployment", "deploy"),
            new Kind("backup/restore procedure", "backup|restore", "backup|restore|recovery"),
            new Kind("troubleshooting guide", "troubleshoot", "troubleshoot|faq"),
            new Kind("emergency procedures", "emergency|incident", "emergency|incident|runbook"),
            new Kind("disaster recovery plan", "disaster recovery|recovery (plan|steps)", "disaster|recovery"),
            new Kind("API documentation", "\\bapi\\b.*(docs|documentation|usage)|openapi|swagger", "\\bapi\\b|openapi|swagger|endpoints|usage"));

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        String words = context.params().text(Param.DOCUMENT).orElse(context.itemText());
        List<String> docs = repo.files().stream().filter(f -> f.toLowerCase(Locale.ROOT).matches(".*\\.(md|rst|adoc|txt)$")).toList();

        Matcher named = FILE_NAME.matcher(words);
        if (named.find()) {
            String name = named.group(1);
            // The shallowest copy: "README.md" means the project's README, not one in a sub-folder.
            Comparator<String> shallowest = Comparator.comparingLong(f -> f.chars().filter(c -> c == '/').count());
            Optional<String> file = docs.stream().filter(f -> f.equals(name) || f.endsWith("/" + name)).min(shallowest)
                    .or(() -> docs.stream().filter(f -> fileName(f).equalsIgnoreCase(name)).min(shallowest));
            return file.map(f -> judge(repo, f, name))
                    .orElseGet(() -> Outcome.fail(name + " is not in the repository",
                            "Write " + name + " or correct the item's file name.", new Evidence.Note("looked for " + name)));
        }
        Optional<Kind> kind = KINDS.stream().filter(k -> k.asked().matcher(words).find()).findFirst();
        if (kind.isEmpty()) {
            return Outcome.notApplicable("the item names no document this check knows");
        }
        Kind k = kind.get();
        // The checklist names every document; it is not one of them.
        List<String> candidates = docs.stream().filter(f -> !stem(f).toLowerCase(Locale.ROOT).contains("checklist")).toList();
        Outcome stubFile = null;
        for (String f : candidates) {
            if (k.provided().matcher(stem(f)).find()) {
                Outcome judged = judge(repo, f, k.name());
                if (judged.status() == Status.PASS) {
                    return judged;
                }
                stubFile = stubFile == null ? judged : stubFile;
            }
        }
        Section stub = null;
        for (String f : candidates) {
            Optional<Section> section = sectionFor(repo, f, k);
            if (section.isPresent() && section.get().chars() >= MIN_CHARS) {
                return Outcome.pass(k.name() + " found as a section of " + f, section.get().heading());
            }
            if (stub == null && section.isPresent()) {
                stub = section.get();
            }
        }
        if (stubFile != null) {
            return stubFile;
        }
        if (stub != null) {
            return Outcome.fail("the " + k.name() + " section of " + stub.heading().path() + " is empty or a stub: "
                            + stub.chars() + " characters", "Write the section; a heading alone is not documentation.",
                    stub.heading());
        }
        return Outcome.fail("no " + k.name() + " found in the repository",
                "Write the " + k.name() + " (a file named for it, or a section with that heading in your docs).",
                new Evidence.Note("searched " + candidates.size() + " document(s) for a file or heading matching /" + k.provided().pattern() + "/"));
    }

    private static Outcome judge(RepoSnapshot repo, String file, String what) {
        String text = repo.read(file).orElse("");
        int chars = text.replaceAll("\\s+", "").length();
        if (chars < MIN_CHARS) {
            return Outcome.fail(what + " (" + file + ") is empty or a stub: " + chars + " characters",
                    "Write the document; an empty file is not documentation.", new Evidence.FileLine(file, 0, chars + " characters"));
        }
        long lines = text.lines().count();
        String name = file.equals(what) || file.endsWith("/" + what) ? file : what + ": " + file;
        return Outcome.pass(name + " (" + lines + " lines)", new Evidence.FileLine(file, 0, lines + " lines"));
    }

    /** A Markdown heading and how much its section says, in non-blank characters. */
    private record Section(Evidence.FileLine heading, int chars) {
    }

    /** The first heading naming the kind, outside code blocks, with the size of the section under it. */
    private static Optional<Section> sectionFor(RepoSnapshot repo, String file, Kind kind) {
        String[] lines = repo.read(file).orElse("").split("\\r?\\n");
        boolean inFence = false;
        Evidence.FileLine heading = null;
        int level = 0;
        int chars = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FENCE.matcher(line).lookingAt()) {
                inFence = !inFence;
            }
            Matcher h = inFence ? null : HEADING.matcher(line);
            if (h != null && h.matches()) {
                if (heading != null && h.group(1).length() <= level) {
                    break;
                }
                if (heading == null && kind.provided().matcher(h.group(2)).find()) {
                    heading = new Evidence.FileLine(file, i + 1, line);
                    level = h.group(1).length();
                    continue;
                }
            }
            if (heading != null) {
                chars += line.replaceAll("\\s+", "").length();
            }
        }
        return heading == null ? Optional.empty() : Optional.of(new Section(heading, chars));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String stem(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').replace('-', ' ');
    }
}
