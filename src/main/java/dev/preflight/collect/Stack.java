package dev.preflight.collect;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages and frameworks a repository is built with, read from its manifests and entry
 * points. Checks use it to say "not applicable: no Django here" instead of guessing.
 */
public record Stack(Set<Component> components) {

    /** What can be detected; each names the evidence that gives it away. */
    public enum Component {
        PYTHON("Python"), DJANGO("Django"), FLASK("Flask"), FASTAPI("FastAPI"), GUNICORN("gunicorn"), UVICORN("uvicorn"),
        NODE("Node.js"), EXPRESS("Express"), GO("Go"), JAVA("Java"), SPRING_BOOT("Spring Boot"),
        DOCKER("Docker"), COMPOSE("Docker Compose"), KUBERNETES("Kubernetes"), NGINX("nginx"), SYSTEMD("systemd");

        private final String label;

        Component(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final List<String> PYTHON_MANIFESTS = List.of("requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "setup.cfg");
    private static final Pattern K8S = Pattern.compile("(?m)^apiVersion:\\s*\\S+\\s*$[\\s\\S]*?^kind:\\s*(Deployment|StatefulSet|DaemonSet|Pod|Service|Ingress|CronJob)\\b");

    public Stack {
        components = Set.copyOf(components);
    }

    public boolean has(Component c) {
        return components.contains(c);
    }

    /** A line for "not applicable" reasons and reports: "Python, Django, gunicorn". */
    public String describe() {
        return components.isEmpty() ? "no known stack" : String.join(", ", components.stream().sorted().map(Component::label).toList());
    }

    public static Stack of(RepoSnapshot repo) {
        Set<Component> found = EnumSet.noneOf(Component.class);
        List<String> files = repo.files();
        StringBuilder pythonDeps = new StringBuilder();
        for (String f : files) {
            String name = fileName(f);
            String lower = name.toLowerCase(Locale.ROOT);
            if (PYTHON_MANIFESTS.contains(name) || lower.matches("requirements[-_.\\w]*\\.txt")) {
                found.add(Component.PYTHON);
                repo.read(f).ifPresent(t -> pythonDeps.append(t.toLowerCase(Locale.ROOT)).append('\n'));
            } else if (lower.endsWith(".py")) {
                found.add(Component.PYTHON);
                if (name.equals("manage.py") || name.equals("settings.py")) {
                    found.add(Component.DJANGO);
                }
            } else if (name.equals("package.json")) {
                found.add(Component.NODE);
                repo.read(f).filter(t -> t.contains("\"express\"")).ifPresent(t -> found.add(Component.EXPRESS));
            } else if (name.equals("go.mod")) {
                found.add(Component.GO);
            } else if (name.equals("pom.xml") || name.startsWith("build.gradle")) {
                found.add(Component.JAVA);
                repo.read(f).filter(t -> t.contains("spring-boot")).ifPresent(t -> found.add(Component.SPRING_BOOT));
            } else if (name.equals("Dockerfile") || lower.endsWith(".dockerfile") || lower.startsWith("dockerfile.")) {
                found.add(Component.DOCKER);
            } else if (lower.matches("(docker-)?compose([-.\\w]*)?\\.ya?ml")) {
                found.add(Component.COMPOSE);
            } else if (lower.endsWith(".service") || lower.endsWith(".timer")) {
                found.add(Component.SYSTEMD);
            } else if (lower.endsWith(".conf") && (f.contains("nginx") || repo.read(f).filter(t -> t.contains("server_name") || t.contains("proxy_pass")).isPresent())) {
                found.add(Component.NGINX);
            } else if ((lower.endsWith(".yaml") || lower.endsWith(".yml")) && repo.read(f).filter(t -> K8S.matcher(t).find()).isPresent()) {
                found.add(Component.KUBERNETES);
            }
        }
        String deps = pythonDeps.toString();
        addIf(found, deps, "django", Component.DJANGO);
        addIf(found, deps, "flask", Component.FLASK);
        addIf(found, deps, "fastapi", Component.FASTAPI);
        addIf(found, deps, "gunicorn", Component.GUNICORN);
        addIf(found, deps, "uvicorn", Component.UVICORN);
        return new Stack(found);
    }

    private static void addIf(Set<Component> found, String deps, String name, Component c) {
        if (Pattern.compile("(?m)^\\s*\"?" + name + "\\b").matcher(deps).find() || deps.contains("\"" + name)) {
            found.add(c);
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
