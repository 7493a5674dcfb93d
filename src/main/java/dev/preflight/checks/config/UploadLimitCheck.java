package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;

/**
 * A request body or upload size limit is set and is no larger than the item's size: Flask's
 * MAX_CONTENT_LENGTH, Django's DATA_UPLOAD_MAX_MEMORY_SIZE, an app's own MAX_UPLOAD_SIZE, nginx's
 * client_max_body_size, Express's body parsers' {@code limit} (body-parser's 100kb when it is left out)
 * and multer's {@code fileSize}.
 */
@CheckInfo(id = "config.upload-limit", title = "Request body and upload size limits are set, no larger than the item says",
        target = TargetKind.REPO,
        phrases = {"MAX_UPLOAD_SIZE|MAX_CONTENT_LENGTH|DATA_UPLOAD_MAX_MEMORY_SIZE|FILE_UPLOAD_MAX_MEMORY_SIZE", "client_max_body_size",
                "upload_max_filesize", "\\b(configure|set)\\w*\\b.*\\b(file size|upload|body size) limits?", "file upload limits?",
                "\\b(request|payload|body) size limits?", "\\blimit\\w* (the )?(request|payload|body) (body )?size", "\\brequest body limits?",
                "\\bbody[- ]?parser\\b.*\\blimits?\\b"},
        params = {"maxSize", "setting"},
        related = {"nginx:client_max_body_size", "flask:MAX_CONTENT_LENGTH"})
public final class UploadLimitCheck implements Check {
    private static final Set<String> LIMITS = Set.of("MAX_CONTENT_LENGTH", "DATA_UPLOAD_MAX_MEMORY_SIZE", "MAX_UPLOAD_SIZE",
            "MAX_FILE_SIZE", "MAX_UPLOAD_BYTES", "MAX_REQUEST_SIZE", "MAX_BODY_SIZE");
    private static final Pattern NGINX = Pattern.compile("^\\s*client_max_body_size\\s+(\\S+?)\\s*;");
    private static final Pattern FILE_SIZE = Pattern.compile("\\bfileSize\\s*:\\s*([^,}\\n]+)");
    private static final Pattern MULTER = Pattern.compile("(?<![\\w$.])multer\\(");
    private static final Pattern JS_SOURCE = Pattern.compile("\\.(js|mjs|cjs|ts)$");
    private static final Pattern BODY_PARSER_IMPORT = Pattern.compile(
            "(?:(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\(\\s*|import\\s+([A-Za-z_$][\\w$]*)\\s+from\\s+)['\"]body-parser['\"]");
    /** body-parser's default for json, urlencoded, raw and text, which express.json() and the others are. */
    private static final long EXPRESS_DEFAULT = 100L << 10;

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        var stack = repo.stack();
        Optional<Long> max = context.params().bytes(Param.MAX_SIZE);
        Optional<String> only = context.params().text(Param.SETTING);
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> limits = new ArrayList<>();
        for (PythonSettings.Assignment a : PythonConfig.assignments(repo)) {
            if (!(only.map(a.name()::equals).orElse(LIMITS.contains(a.name())))) {
                continue;
            }
            Evidence.FileLine here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
            switch (a.value()) {
                case PythonSettings.Num n -> judge(n.value(), here, max, problems, limits);
                case PythonSettings.None none -> problems.add(note(here, "no limit"));
                case PythonSettings.FromEnv e -> {
                    limits.add(note(here, "from the environment"));
                    env.of(e.variable()).stream().filter(s -> s.value().strip().matches("\\d+"))
                            .forEach(s -> judge(Long.parseLong(s.value().strip()), new Evidence.FileLine(s.file(), s.line(),
                                    s.key() + "=" + s.value()), max, problems, limits));
                }
                default -> limits.add(note(here, "not evaluated"));
            }
        }
        for (String f : repo.files()) {
            if (f.endsWith(".conf") && !DeployEnvironment.isDevelopment(f)) {
                String[] lines = repo.read(f).orElse("").split("\r?\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = NGINX.matcher(lines[i]);
                    if (m.find()) {
                        Evidence.FileLine here = new Evidence.FileLine(f, i + 1, lines[i].strip());
                        OptionalLong size = size(m.group(1));
                        if (size.isPresent() && size.getAsLong() == 0) {
                            problems.add(note(here, "0 turns the limit off"));
                        } else if (size.isPresent()) {
                            judge(size.getAsLong(), here, max, problems, limits);
                        }
                    }
                }
            }
        }
        for (Calls.Call c : js(Calls.find(repo, bodyParsers(repo)))) {
            expressParser(c, max, problems, limits);
        }
        for (Calls.Call c : js(Calls.find(repo, MULTER))) {
            Matcher m = FILE_SIZE.matcher(c.arguments());
            String options = c.arguments().strip();
            if (!m.find()) {
                Evidence.FileLine here = new Evidence.FileLine(c.file(), c.line(), "multer(" + abbreviate(options) + ")");
                // Options held in a variable are out of sight; written out without limits.fileSize, multer takes files of any size.
                if (options.isEmpty() || options.startsWith("{")) {
                    problems.add(note(here, "without limits.fileSize: files of any size are accepted"));
                } else {
                    limits.add(note(here, "options not written out here: not evaluated"));
                }
                continue;
            }
            m.reset();
            while (m.find()) {
                Evidence.FileLine here = new Evidence.FileLine(c.file(), c.line(), "fileSize: " + m.group(1).strip());
                OptionalLong size = jsSize(m.group(1));
                if (size.isPresent()) {
                    judge(size.getAsLong(), here, max, problems, limits);
                } else {
                    limits.add(note(here, "not evaluated"));
                }
            }
        }
        if (problems.isEmpty() && limits.isEmpty()) {
            if (!stack.has(Component.PYTHON) && !stack.has(Component.NODE) && !stack.has(Component.NGINX)) {
                return Outcome.notApplicable("no Python, Node.js or nginx configuration in the repository (stack: " + stack.describe() + ")");
            }
            return Outcome.fail("no request body or upload size limit is set" + only.map(s -> " (" + s + " is not set)").orElse("")
                            + (stack.has(Component.FLASK) ? ": Flask accepts bodies of any size without MAX_CONTENT_LENGTH" : ""),
                    fix(max), List.of(new Evidence.Note("stack: " + stack.describe())));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? "upload limit: " + problems.getFirst().describe() : problems.size() + " upload limits too large or off",
                    fix(max), problems);
        }
        return Outcome.pass("upload limit set" + max.map(b -> ", none above " + context.params().text(Param.MAX_SIZE).orElse(b + " bytes")).orElse(""), limits);
    }

    /**
     * One of express.json / urlencoded / raw / text or body-parser's: its {@code limit}, or
     * body-parser's 100kb when the options leave it out.
     */
    private static void expressParser(Calls.Call c, Optional<Long> max, List<Evidence> problems, List<Evidence> limits) {
        Evidence.FileLine here = new Evidence.FileLine(c.file(), c.line(), c.callee() + "(" + c.excerpt() + ")");
        Optional<JsOptions> options = JsOptions.parse(c.arguments());
        if (options.isEmpty() && !JsOptions.withoutComments(c.arguments()).isBlank()) {
            limits.add(note(here, "options passed as a variable: not evaluated"));
            return;
        }
        Optional<String> limit = options.flatMap(o -> o.get("limit"));
        if (limit.isEmpty()) {
            judge(EXPRESS_DEFAULT, new Evidence.FileLine(here.path(), here.line(), here.excerpt() + " without limit: Express's default"),
                    max, problems, limits);
            return;
        }
        if (limit.get().equals("Infinity")) {
            problems.add(note(here, "no limit"));
            return;
        }
        OptionalLong size = jsSize(limit.get());
        if (size.isPresent()) {
            judge(size.getAsLong(), here, max, problems, limits);
        } else {
            limits.add(note(here, "limit not evaluated"));
        }
    }

    /** A size written in JavaScript: a number, a product of numbers, or a string for the 'bytes' package ('10mb'). */
    private static OptionalLong jsSize(String written) {
        String raw = written.strip().replaceAll("^['\"`]|['\"`]$", "");
        PythonSettings.Value v = PythonSettings.value(raw);
        return v instanceof PythonSettings.Num n ? OptionalLong.of(n.value()) : size(raw);
    }

    /**
     * Calls of Express's and body-parser's parsers: {@code express.json(}, {@code bodyParser.urlencoded(},
     * the same under the name a file imports body-parser by, and the deprecated {@code bodyParser(}.
     */
    private static Pattern bodyParsers(RepoSnapshot repo) {
        Set<String> parserModules = new TreeSet<>(Set.of("bodyParser"));
        for (String f : repo.files()) {
            if (JS_SOURCE.matcher(f).find()) {
                Matcher m = BODY_PARSER_IMPORT.matcher(repo.read(f).orElse(""));
                while (m.find()) {
                    parserModules.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        String names = String.join("|", parserModules.stream().map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\w$.])(?:(?:express|" + names + ")\\.(?:json|urlencoded|raw|text)|(?:" + names + "))\\(");
    }

    private static List<Calls.Call> js(List<Calls.Call> calls) {
        return calls.stream().filter(c -> JS_SOURCE.matcher(c.file()).find()).toList();
    }

    private static void judge(long bytes, Evidence.FileLine here, Optional<Long> max, List<Evidence> problems, List<Evidence> limits) {
        if (max.isPresent() && bytes > max.get()) {
            problems.add(note(here, human(bytes) + ", more than " + human(max.get())));
        } else {
            limits.add(note(here, human(bytes)));
        }
    }

    private static Evidence.FileLine note(Evidence.FileLine here, String note) {
        return new Evidence.FileLine(here.path(), here.line(), here.excerpt() + " (" + note + ")");
    }

    /** nginx and the Node 'bytes' package sizes: "10M", "10mb", "512k", a plain number of bytes. */
    static OptionalLong size(String raw) {
        String v = raw.strip().toUpperCase(Locale.ROOT);
        if (v.matches("\\d+")) {
            return OptionalLong.of(Long.parseLong(v));
        }
        try {
            return OptionalLong.of(Param.bytes(v));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static String human(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }

    private static String fix(Optional<Long> max) {
        String size = max.map(UploadLimitCheck::human).orElse("10 MB");
        return "Set a limit of at most " + size + ": MAX_CONTENT_LENGTH = " + max.orElse(10L << 20) + " (Flask), "
                + "DATA_UPLOAD_MAX_MEMORY_SIZE and a MAX_UPLOAD_SIZE the views enforce (Django), client_max_body_size in nginx, "
                + "express.json({ limit: '" + size.replace(" ", "").toLowerCase(Locale.ROOT) + "' }) and multer's limits.fileSize.";
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
