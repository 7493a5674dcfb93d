package dev.preflight.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.preflight.collect.Stack;
import dev.preflight.collect.Stack.Component;

/**
 * The checklist {@code preflight init} writes for a detected stack: the sections real checklists
 * use, and only items whose words bind to a check of the catalog, so that it verifies itself from
 * the first run. Items for a framework or a tool appear only when the stack has it.
 */
public final class StarterChecklist {

    /** One item and the components of which at least one must be present (none: always). */
    private record Entry(String section, String text, Set<Component> when) {
        boolean appliesTo(Stack stack) {
            return when.isEmpty() || when.stream().anyMatch(stack::has);
        }
    }

    private static final Set<Component> ALWAYS = Set.of();
    private static final Set<Component> PYTHON = Set.of(Component.PYTHON);
    private static final Set<Component> CONTAINERS = Set.of(Component.COMPOSE, Component.KUBERNETES);

    private static final List<Entry> ENTRIES = List.of(
            new Entry("Security", "Secrets not in code (no credentials committed)", ALWAYS),
            new Entry("Security", "Ensure `.env` is in `.gitignore`", ALWAYS),
            new Entry("Security", "Strong `SECRET_KEY` (min 32 characters)", Set.of(Component.DJANGO, Component.FLASK, Component.FASTAPI)),
            new Entry("Security", "Set `DEBUG=False`", Set.of(Component.DJANGO)),
            new Entry("Security", "Set `FLASK_ENV=production`", Set.of(Component.FLASK)),
            new Entry("Security", "Set `NODE_ENV=production`", Set.of(Component.NODE)),
            new Entry("Security", "Configure `ALLOWED_HOSTS` with your domain(s)", Set.of(Component.DJANGO)),
            new Entry("Security", "Run `python manage.py check --deploy` settings", Set.of(Component.DJANGO)),
            new Entry("Security", "CORS origins properly configured (no wildcards in production)", ALWAYS),
            new Entry("Security", "Rate limiting enabled on all API endpoints", ALWAYS),
            new Entry("Security", "Security headers set", ALWAYS),
            new Entry("Security", "Force HTTPS redirect", ALWAYS),
            new Entry("Security", "HSTS enabled", ALWAYS),
            new Entry("Security", "SSL/TLS certificate valid", ALWAYS),
            new Entry("Dependencies", "Pin all dependency versions", ALWAYS),
            new Entry("Dependencies", "Check for security vulnerabilities", ALWAYS),
            new Entry("Configuration", "File upload limits (10MB max size)", ALWAYS),
            new Entry("Configuration", "Configure Gunicorn with 2-4 workers per CPU core", Set.of(Component.GUNICORN)),
            new Entry("Configuration", "Log level not DEBUG in production", ALWAYS),
            new Entry("Configuration", "Configure logging to file", PYTHON),
            new Entry("Configuration", "Configure request timeouts", ALWAYS),
            new Entry("Containers", "Dockerfile runs as a non-root user", Set.of(Component.DOCKER)),
            new Entry("Containers", "Container resource limits (memory, CPU)", CONTAINERS),
            new Entry("Containers", "Set restart policy (always restart on failure)", Set.of(Component.COMPOSE, Component.KUBERNETES, Component.SYSTEMD)),
            new Entry("Web server", "Set `client_max_body_size` (for file uploads)", Set.of(Component.NGINX)),
            new Entry("Web server", "Enable gzip compression", ALWAYS),
            new Entry("Web server", "Configure log rotation", ALWAYS),
            new Entry("Web server", "Create systemd service file", Set.of(Component.SYSTEMD)),
            new Entry("Operations", "`/health` endpoint returns 200", ALWAYS),
            new Entry("Operations", "Readiness probe at `/health/ready`", ALWAYS),
            new Entry("Operations", "Metrics endpoint serves Prometheus metrics", ALWAYS),
            new Entry("Operations", "Error handling returns clean JSON without stack traces", ALWAYS),
            new Entry("Operations", "API response time < 200ms (p95)", ALWAYS),
            new Entry("Operations", "Error rate < 0.1%", ALWAYS),
            new Entry("Data", "Database user permissions restricted (not a superuser)", ALWAYS),
            new Entry("Data", "Database connection SSL enabled", ALWAYS),
            new Entry("Data", "Run database migrations", Set.of(Component.DJANGO)),
            new Entry("Data", "Set up automated daily backups", ALWAYS),
            new Entry("Data", "Backup retention: keep 30 days", ALWAYS),
            new Entry("Data", "Test backup restoration", ALWAYS),
            new Entry("Server", "Ensure sufficient disk space (10GB+)", ALWAYS),
            new Entry("Server", "Disable root SSH login", ALWAYS),
            new Entry("Server", "Firewall: deny all other incoming", ALWAYS),
            new Entry("Documentation", "README.md with setup and configuration", ALWAYS),
            new Entry("Documentation", "Create runbook for common issues", ALWAYS),
            new Entry("Documentation", "Document backup/restore procedure", ALWAYS),
            new Entry("Documentation", "CI pipeline runs the tests", ALWAYS));

    private StarterChecklist() {
    }

    public static String markdown(Stack stack) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            if (e.appliesTo(stack)) {
                sections.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e.text());
            }
        }
        StringBuilder out = new StringBuilder("# Production Checklist\n\n")
                .append("Written by `preflight init` for: ").append(stack.describe()).append(".\n")
                .append("Every item is bound to a Preflight check: run `preflight check --repo . --url https://staging.example.com`.\n")
                .append("Edit freely; `preflight lint` shows how each item binds.\n");
        sections.forEach((section, items) -> {
            out.append("\n## ").append(section).append("\n\n");
            items.forEach(text -> out.append("- [ ] ").append(text).append('\n'));
        });
        return out.toString();
    }

    public static String config(String checklistName, Stack stack) {
        return """
                # Preflight configuration, written by 'preflight init' for: %s.
                # Every key is optional; see the README's "preflight.yaml" section.
                checklist: %s
                targets:
                  repo: .
                  # urls: [https://staging.example.com]      # the live deployment, for the http.* checks
                  # dbs: ["postgresql://app@db.example.com/app?sslmode=require"]   # for the db.* checks; the password from PGPASSWORD
                  # host: /                                   # this machine, for the host.* and backup.* checks (or a mounted root)
                # environments:
                #   production:
                #     urls: [https://api.example.com, http://api.example.com]
                # backup:
                #   location: /var/backups/app               # where the backup.* checks look when an item names no directory
                #   restoreDb: postgresql://postgres@127.0.0.1/postgres   # admin URL for backup.restore-drill's scratch database
                # load:                                       # the load.* checks run only with --active
                #   scenarios:
                #     api:
                #       rate: 20                              # requests a second
                #       duration: 30s
                #       thresholds: ["p(95)<200ms", "rate<0.001"]
                #       requests:
                #         - path: /health
                timeouts:
                  check: 30s
                  run: 5m
                """.formatted(stack.describe(), checklistName);
    }
}
