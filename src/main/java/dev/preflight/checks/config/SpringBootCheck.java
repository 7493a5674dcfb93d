package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CannotParse;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.SpringProperties;
import dev.preflight.collect.SpringProperties.Setting;
import dev.preflight.collect.Stack;
import dev.preflight.text.Lines;

/**
 * A Spring Boot service's production settings: actuator endpoints exposed over the web beyond
 * health and info, {@code debug}/{@code trace} switched on, and spring-boot-devtools shipped in
 * the production artifact. Development and test profiles are not production and are not read.
 */
@CheckInfo(id = "config.spring-boot", title = "Spring Boot production settings (actuator, debug, devtools)",
        target = TargetKind.REPO, severity = Severity.HIGH,
        phrases = {"spring[- ]boot", "\\bactuator\\b", "\\bdevtools\\b"},
        related = {"spring-boot:actuator.endpoints.exposing", "semgrep:spring-actuator-fully-enabled"})
public final class SpringBootCheck implements Check {
    /** Endpoints that are safe to expose: they say whether the service is up, and what it is. */
    static final Set<String> SAFE_ENDPOINTS = Set.of("health", "info", "prometheus", "metrics");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        if (!repo.stack().has(Stack.Component.SPRING_BOOT)) {
            return Outcome.notApplicable("no Spring Boot build in the repository (stack: " + repo.stack().describe() + ")");
        }
        List<Evidence> problems = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (String file : repo.files()) {
            if (!SpringProperties.isProductionConfig(file)) {
                continue;
            }
            read.add(file);
            Map<String, Setting> settings;
            try {
                settings = SpringProperties.read(file, repo.read(file).orElse(""));
            } catch (CannotParse e) {
                problems.add(new Evidence.FileLine(file, e.line(), e.describe()));
                continue;
            }
            exposure(file, settings, problems);
            for (String flag : List.of("debug", "trace")) {
                Setting s = settings.get(flag);
                if (s != null && s.value().equalsIgnoreCase("true")) {
                    problems.add(new Evidence.FileLine(file, s.line(), flag + "=true logs internals in production"));
                }
            }
        }
        devtools(repo, problems);
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " production settings to fix",
                    "Expose only health and info over the web (management.endpoints.web.exposure.include=health,info), "
                            + "drop debug/trace from production profiles, and mark spring-boot-devtools optional "
                            + "(Maven <optional>true</optional>, Gradle developmentOnly).", problems);
        }
        return Outcome.pass("actuator exposure, debug flags and devtools are production-safe in " + read.size() + " config file(s)",
                new Evidence.Note("read: " + (read.isEmpty() ? "no application properties (Spring Boot defaults: only health exposed)" : String.join(", ", read))));
    }

    private static void exposure(String file, Map<String, Setting> settings, List<Evidence> problems) {
        Setting include = settings.get("management.endpoints.web.exposure.include");
        if (include == null) {
            return;
        }
        List<String> risky = new ArrayList<>();
        for (String endpoint : include.value().replace("\"", "").replace("'", "").split("\\s*,\\s*")) {
            String e = endpoint.strip().toLowerCase(Locale.ROOT);
            if (!e.isEmpty() && !SAFE_ENDPOINTS.contains(e)) {
                risky.add(e);
            }
        }
        if (!risky.isEmpty()) {
            problems.add(new Evidence.FileLine(file, include.line(), "actuator endpoints exposed over the web: " + String.join(", ", risky)));
        }
    }

    private static void devtools(RepoSnapshot repo, List<Evidence> problems) {
        for (String file : repo.files()) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            String text = repo.read(file).orElse("");
            if (name.equals("pom.xml")) {
                int at = text.indexOf("<artifactId>spring-boot-devtools</artifactId>");
                if (at >= 0) {
                    int end = text.indexOf("</dependency>", at);
                    String dependency = end < 0 ? text.substring(at) : text.substring(at, end);
                    if (!dependency.contains("<optional>true</optional>") && !dependency.matches("(?s).*<scope>(test|provided)</scope>.*")) {
                        problems.add(new Evidence.FileLine(file, Lines.lineAt(text, at), "spring-boot-devtools is packaged into the production artifact"));
                    }
                }
            } else if (name.startsWith("build.gradle")) {
                Matcher m = Pattern.compile("(?m)^\\s*(\\w+)\\s*\\(?\\s*['\"]org\\.springframework\\.boot:spring-boot-devtools").matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals("developmentOnly") && !m.group(1).startsWith("test")) {
                        problems.add(new Evidence.FileLine(file, Lines.lineAt(text, m.start(1)),
                                "spring-boot-devtools in '" + m.group(1) + "' ships in the production artifact; use developmentOnly"));
                    }
                }
            }
        }
    }
}
