package dev.preflight.collect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.collect.osv.Ecosystem;
import dev.preflight.text.Lines;

/**
 * The versions a repository's builds resolve to, read from lockfiles first: package-lock.json (v1
 * to v3), poetry.lock, Pipfile.lock, go.mod (whose require lines are the selected versions since Go
 * 1.17), then {@code ==} pins of requirements files in folders without a Python lockfile, then
 * pom.xml's explicit versions (properties resolved). Ranges are not versions and are left out.
 */
public final class ResolvedVersions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POM_DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern POM_PROPERTY = Pattern.compile("<([\\w.-]+)>\\s*([^<]*?)\\s*</\\1>");
    private static final Pattern GO_REQUIRE = Pattern.compile("^\\s*(?:require\\s+)?([\\w.~/-]+)\\s+(v\\S+)");

    /** What was read, and the files that could not be, each as "path: cannot parse at line:col: reason". */
    public record Result(List<ResolvedDependency> dependencies, List<String> problems, List<String> sources) {
    }

    private ResolvedVersions() {
    }

    public static Result of(RepoSnapshot repo) {
        List<ResolvedDependency> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Set<String> files = Set.copyOf(repo.files());
        for (String f : repo.files()) {
            String name = f.substring(f.lastIndexOf('/') + 1);
            String dir = f.substring(0, f.length() - name.length());
            String text = repo.read(f).orElse(null);
            if (text == null) {
                continue;
            }
            int before = out.size();
            try {
                switch (name) {
                    case "package-lock.json", "npm-shrinkwrap.json" -> packageLock(f, text, out);
                    case "Pipfile.lock" -> pipfileLock(f, text, out);
                    case "poetry.lock" -> poetryLock(f, text, out);
                    case "go.mod" -> goMod(f, text, out);
                    case "pom.xml" -> pom(f, text, out);
                    default -> {
                        if (name.matches("requirements[-_.\\w]*\\.txt") && !files.contains(dir + "poetry.lock")
                                && !files.contains(dir + "Pipfile.lock")) {
                            requirements(f, text, out);
                        }
                    }
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(f + ": cannot parse at " + (at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr()) + ": "
                        + e.getOriginalMessage().lines().findFirst().orElse("malformed JSON"));
            }
            if (out.size() > before) {
                sources.add(f);
            }
        }
        return new Result(List.copyOf(out), List.copyOf(problems), List.copyOf(sources));
    }

    private static void packageLock(String f, String text, List<ResolvedDependency> out) throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);
        JsonNode packages = root.path("packages");
        if (packages.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int at = e.getKey().lastIndexOf("node_modules/");
                if (at < 0 || e.getValue().path("link").asBoolean() || !e.getValue().path("version").isTextual()) {
                    continue;
                }
                String name = e.getValue().path("name").asText(e.getKey().substring(at + "node_modules/".length()));
                out.add(new ResolvedDependency(Ecosystem.NPM, name, e.getValue().get("version").asText(), f,
                        Lines.lineOfFirst(text, "\"" + e.getKey() + "\"")));
            }
        } else {
            lockfileV1(f, text, root.path("dependencies"), out);
        }
    }

    private static void lockfileV1(String f, String text, JsonNode dependencies, List<ResolvedDependency> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = dependencies.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("version").isTextual()) {
                out.add(new ResolvedDependency(Ecosystem.NPM, e.getKey(), e.getValue().get("version").asText(), f,
                        Lines.lineOfFirst(text, "\"" + e.getKey() + "\": {")));
            }
            lockfileV1(f, text, e.getValue().path("dependencies"), out);
        }
    }

    private static void pipfileLock(String f, String text, List<ResolvedDependency> out) throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);
        for (String section : List.of("default", "develop")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String version = e.getValue().path("version").asText("");
                if (version.startsWith("==")) {
                    out.add(new ResolvedDependency(Ecosystem.PYPI, e.getKey(), version.substring(2), f,
                            Lines.lineOfFirst(text, "\"" + e.getKey() + "\": {")));
                }
            }
        }
    }

    private static void poetryLock(String f, String text, List<ResolvedDependency> out) {
        String[] lines = text.split("\r?\n");
        String name = null;
        int nameLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("[")) {
                name = line.equals("[[package]]") ? "" : null;
            } else if (name != null && line.matches("name\\s*=\\s*\".*\"")) {
                name = quoted(line);
                nameLine = i + 1;
            } else if (name != null && !name.isEmpty() && line.matches("version\\s*=\\s*\".*\"")) {
                out.add(new ResolvedDependency(Ecosystem.PYPI, name, quoted(line), f, nameLine));
                name = null;
            }
        }
    }

    private static void goMod(String f, String text, List<ResolvedDependency> out) {
        String[] lines = text.split("\r?\n");
        boolean inRequire = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("//.*", "").strip();
            if (line.startsWith("require (")) {
                inRequire = true;
            } else if (inRequire && line.equals(")")) {
                inRequire = false;
            } else if (inRequire || line.startsWith("require ")) {
                Matcher m = GO_REQUIRE.matcher(line);
                if (m.find()) {
                    out.add(new ResolvedDependency(Ecosystem.GO, m.group(1), m.group(2), f, i + 1));
                }
            }
        }
    }

    private static void requirements(String f, String text, List<ResolvedDependency> out) {
        for (Requirements.Requirement r : Requirements.parse(text)) {
            if (r.kind() == Requirements.Kind.PINNED) {
                out.add(new ResolvedDependency(Ecosystem.PYPI, r.name(), r.version(), f, r.line()));
            }
        }
    }

    private static void pom(String f, String text, List<ResolvedDependency> out) {
        Map<String, String> properties = Pom.properties(text);
        Matcher m = POM_DEPENDENCY.matcher(text);
        while (m.find()) {
            String block = m.group(1);
            String group = Pom.element(block, "groupId");
            String artifact = Pom.element(block, "artifactId");
            String version = Pom.resolve(Pom.element(block, "version"), properties);
            if (group != null && artifact != null && version != null && !version.contains("${") && !Pom.isRange(version)) {
                out.add(new ResolvedDependency(Ecosystem.MAVEN, group + ":" + artifact, version, f, Lines.lineAt(text, m.start())));
            }
        }
    }

    private static String quoted(String line) {
        return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
    }


    /** The few pom.xml facts dependency checks need, read with patterns: a pom's dependencies are flat and regular. */
    public static final class Pom {
        private Pom() {
        }

        public static Map<String, String> properties(String pom) {
            Map<String, String> out = new java.util.HashMap<>();
            Matcher block = Pattern.compile("<properties>(.*?)</properties>", Pattern.DOTALL).matcher(pom);
            while (block.find()) {
                Matcher p = POM_PROPERTY.matcher(block.group(1));
                while (p.find()) {
                    out.put(p.group(1), p.group(2));
                }
            }
            String withoutChildren = pom.replaceAll("(?s)<(parent|dependencies|dependencyManagement|build|profiles|properties)>.*?</\\1>", "");
            String own = element(withoutChildren, "version");
            if (own != null) {
                out.putIfAbsent("project.version", own);
            }
            return out;
        }

        public static String element(String xml, String name) {
            Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
            return m.find() ? m.group(1) : null;
        }

        public static String resolve(String value, Map<String, String> properties) {
            if (value == null) {
                return null;
            }
            Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
            }
            return m.appendTail(out).toString();
        }

        /** A Maven version range: "[1.0,2.0)", "(,1.0]", "[1.5]". */
        public static boolean isRange(String version) {
            return version.startsWith("[") || version.startsWith("(");
        }
    }
}
