package dev.preflight.collect;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Evidence;
import dev.preflight.collect.NginxSyntax.Directive;

/**
 * One nginx configuration of the repository: a file no other nginx file includes, with every
 * {@code include} it makes expanded in place. Includes are globs; a relative one is looked up
 * against the configuration's root folder (where nginx.conf sits, nginx's own rule) and then
 * against the including file's folder, and an absolute {@code /etc/nginx/...} one against the root
 * folder and anywhere in the repository ({@code sites-enabled} falling back to {@code sites-available}). Includes of files the repository does not hold (Let's
 * Encrypt's options file, {@code mime.types}) are listed, not fatal.
 */
public final class NginxConfig {
    private static final Pattern BLOCK_START = Pattern.compile("(?m)^\\s*(http|server|upstream|events|location\\s[^\\n{]*)\\s*\\{");
    private static final Pattern INI_SECTION = Pattern.compile("(?m)^\\s*\\[[^\\]\\n]+\\]\\s*$");
    private static final Set<String> EXTENSIONS = Set.of("conf", "nginx", "inc", "vhost", "");
    private static final int MAX_DEPTH = 16;

    /** A server block and the directives of the blocks around it (main, http), nearest first, for inherited settings. */
    public record Server(Directive block, List<List<Directive>> around) {
        /** The directive as it applies to this server: its own, or the nearest enclosing block's. */
        public Optional<Directive> find(String name) {
            Optional<Directive> own = first(block.block(), name);
            if (own.isPresent()) {
                return own;
            }
            return around.stream().map(scope -> first(scope, name)).flatMap(Optional::stream).findFirst();
        }

        /** Every directive of that name in the server, its locations included. */
        public List<Directive> all(String name) {
            return NginxConfig.all(block.block(), name);
        }

        public List<Directive> listens() {
            return block.block().stream().filter(d -> d.name().equals("listen")).toList();
        }

        /** Listens with TLS: {@code listen 443 ssl} or any {@code ssl} flag. */
        public boolean tls() {
            return listens().stream().anyMatch(l -> l.args().contains("ssl") || l.arg(0).endsWith("443"));
        }

        /** Listens on plain HTTP port 80 (or has no listen, which nginx treats as port 80). */
        public boolean plainHttp() {
            List<Directive> listens = listens();
            return listens.isEmpty() || listens.stream().anyMatch(l -> !l.args().contains("ssl") && l.arg(0).replaceFirst(".*:", "").equals("80"));
        }

        public String name() {
            return first(block.block(), "server_name").map(d -> String.join(" ", d.args())).orElse("_");
        }
    }

    private final String root;
    private final List<Directive> directives;
    private final List<Evidence.FileLine> errors;
    private final List<Evidence.FileLine> missingIncludes;
    private final Set<String> files;

    private NginxConfig(String root, List<Directive> directives, List<Evidence.FileLine> errors,
                        List<Evidence.FileLine> missingIncludes, Set<String> files) {
        this.root = root;
        this.directives = List.copyOf(directives);
        this.errors = List.copyOf(errors);
        this.missingIncludes = List.copyOf(missingIncludes);
        this.files = Collections.unmodifiableSet(new LinkedHashSet<>(files));
    }

    public String root() {
        return root;
    }

    /** The root file's directives with includes expanded. */
    public List<Directive> directives() {
        return directives;
    }

    /** "cannot parse at line:col" for each file of this configuration nginx would reject. */
    public List<Evidence.FileLine> errors() {
        return errors;
    }

    public List<Evidence.FileLine> missingIncludes() {
        return missingIncludes;
    }

    /** The files this configuration is made of, the root first. */
    public Set<String> files() {
        return files;
    }

    /** Every server block, at any depth, with what it inherits. */
    public List<Server> servers() {
        List<Server> out = new ArrayList<>();
        collectServers(directives, List.of(), out);
        return out;
    }

    private static void collectServers(List<Directive> scope, List<List<Directive>> around, List<Server> out) {
        for (Directive d : scope) {
            if (!d.isBlock() || d.name().equals("upstream") || d.name().equals("location")) {
                continue;
            }
            List<List<Directive>> inner = new ArrayList<>();
            inner.add(scope);
            inner.addAll(around);
            if (d.name().equals("server")) {
                out.add(new Server(d, inner));
            } else {
                collectServers(d.block(), inner, out);
            }
        }
    }

    /** Every directive called {@code name} in {@code scope} and the blocks below it. */
    public static List<Directive> all(List<Directive> scope, String name) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : scope) {
            if (d.name().equals(name)) {
                out.add(d);
            }
            if (d.isBlock()) {
                out.addAll(all(d.block(), name));
            }
        }
        return out;
    }

    public static Optional<Directive> first(List<Directive> scope, String name) {
        return scope.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The repository's nginx configurations, each from a file no other one includes; parsed once per run. */
    public static List<NginxConfig> load(RepoSnapshot repo) {
        return repo.derived("nginx-configs", NginxConfig::read);
    }

    private static List<NginxConfig> read(RepoSnapshot repo) {
        Map<String, Parsed> parsed = new LinkedHashMap<>();
        for (String f : repo.files()) {
            if (isCandidatePath(f)) {
                repo.read(f).filter(NginxConfig::looksLikeNginx).ifPresent(text -> parsed.put(f, Parsed.of(f, text)));
            }
        }
        Set<String> included = new HashSet<>();
        for (var entry : parsed.entrySet()) {
            String configRoot = folder(entry.getKey());
            for (Directive inc : all(entry.getValue().directives(), "include")) {
                included.addAll(resolve(repo, inc.arg(0), configRoot, folder(inc.file())));
            }
        }
        List<String> candidates = List.copyOf(parsed.keySet());
        List<NginxConfig> out = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (String f : candidates) {
            if (!included.contains(f)) {
                NginxConfig config = expand(repo, f, parsed);
                reached.addAll(config.files());
                out.add(config);
            }
        }
        // Files that include each other in a circle have no root; each is read as one so it is still checked.
        for (String f : candidates) {
            if (!reached.contains(f)) {
                NginxConfig config = expand(repo, f, parsed);
                reached.addAll(config.files());
                out.add(config);
            }
        }
        return out;
    }

    private record Parsed(List<Directive> directives, CannotParse error) {
        static Parsed of(String file, String text) {
            try {
                return new Parsed(NginxSyntax.parse(file, text), null);
            } catch (CannotParse e) {
                return new Parsed(List.of(), e);
            }
        }
    }

    private static NginxConfig expand(RepoSnapshot repo, String rootFile, Map<String, Parsed> parsed) {
        List<Evidence.FileLine> errors = new ArrayList<>();
        List<Evidence.FileLine> missing = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        Expander expander = new Expander(repo, folder(rootFile), parsed, errors, missing, files);
        List<Directive> directives = expander.file(rootFile, new ArrayList<>());
        return new NginxConfig(rootFile, directives, errors, missing, files);
    }

    private record Expander(RepoSnapshot repo, String configRoot, Map<String, Parsed> parsed, List<Evidence.FileLine> errors,
                            List<Evidence.FileLine> missing, Set<String> files) {
        List<Directive> file(String path, List<String> stack) {
            Parsed p = parsed.computeIfAbsent(path, f -> Parsed.of(f, repo.read(f).orElse("")));
            if (files.add(path) && p.error() != null) {
                errors.add(new Evidence.FileLine(path, p.error().line(), p.error().describe()));
            }
            stack.add(path);
            List<Directive> out = block(p.directives(), stack);
            stack.removeLast();
            return out;
        }

        List<Directive> block(List<Directive> scope, List<String> stack) {
            List<Directive> out = new ArrayList<>();
            for (Directive d : scope) {
                if (d.name().equals("include") && !d.isBlock()) {
                    List<String> targets = resolve(repo, d.arg(0), configRoot, folder(d.file()));
                    if (targets.isEmpty() && !d.arg(0).contains("*")) {
                        missing.add(new Evidence.FileLine(d.file(), d.line(), d.text() + " (not in the repository)"));
                    }
                    for (String t : targets) {
                        if (stack.contains(t) || stack.size() >= MAX_DEPTH) {
                            errors.add(new Evidence.FileLine(d.file(), d.line(), d.text() + " includes itself"));
                        } else {
                            out.addAll(file(t, stack));
                        }
                    }
                } else if (d.isBlock()) {
                    out.add(d.withBlock(block(d.block(), stack)));
                } else {
                    out.add(d);
                }
            }
            return out;
        }
    }

    /** The repository files an include pattern names, tried in nginx's order; the first place that matches wins. */
    static List<String> resolve(RepoSnapshot repo, String pattern, String configRoot, String includingFolder) {
        if (pattern.isEmpty() || pattern.contains("$")) {
            return List.of();
        }
        List<String> hits = resolveAs(repo, pattern, configRoot, includingFolder);
        // Debian's sites-enabled holds links to sites-available; a repository often ships only the latter.
        if (hits.isEmpty() && pattern.contains("sites-enabled")) {
            return resolveAs(repo, pattern.replace("sites-enabled", "sites-available"), configRoot, includingFolder);
        }
        return hits;
    }

    private static List<String> resolveAs(RepoSnapshot repo, String pattern, String configRoot, String includingFolder) {
        List<String> globs = new ArrayList<>();
        if (pattern.startsWith("/")) {
            String tail = pattern.startsWith("/etc/nginx/") ? pattern.substring("/etc/nginx/".length()) : pattern.substring(1);
            globs.add(join(configRoot, tail));
            globs.add(tail);
            globs.add("**/" + tail);
        } else {
            globs.add(join(configRoot, pattern));
            globs.add(join(includingFolder, pattern));
        }
        for (String glob : globs) {
            String normalized = Path.of(glob).normalize().toString();
            if (normalized.startsWith("..")) {
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
            List<String> hits = repo.files().stream().filter(f -> matcher.matches(Path.of(f))).sorted().toList();
            if (!hits.isEmpty()) {
                return hits;
            }
        }
        return List.of();
    }

    private static String join(String folder, String relative) {
        return folder.isEmpty() ? relative : folder + "/" + relative;
    }

    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static boolean isCandidatePath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (lower.contains("logrotate") || name.startsWith(".")) {
            return false;
        }
        boolean nginxFolder = lower.contains("nginx") || lower.contains("sites-available/") || lower.contains("sites-enabled/");
        return name.equals("nginx.conf") || (nginxFolder && EXTENSIONS.contains(ext)) || ext.equals("conf");
    }

    /** A file with an http, server, upstream, events or location block, and no INI section headers (Supervisor, systemd). */
    static boolean looksLikeNginx(String text) {
        return BLOCK_START.matcher(text).find() && !INI_SECTION.matcher(text).find();
    }
}
