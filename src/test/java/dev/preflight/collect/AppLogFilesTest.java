package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLogFilesTest {
    @TempDir
    Path dir;

    @Test
    void findsLogFilesInNginxGunicornDjangoSupervisorAndSystemd() throws Exception {
        write(dir, "nginx/site.conf", "server {\n  listen 80;\n  access_log /var/log/nginx/app.access.log combined;\n  error_log off;\n}\n");
        write(dir, "Procfile", "web: gunicorn app:app --access-logfile - --error-logfile /var/log/app/gunicorn.err\n");
        write(dir, "gunicorn.conf.py", "accesslog = '/var/log/app/access.log'\n");
        write(dir, "app/settings.py", "LOGGING = {'handlers': {'file': {\n    'class': 'logging.handlers.TimedRotatingFileHandler',\n"
                + "    'filename': BASE_DIR / 'logs' / 'x' if False else 'logs/django.log',\n}}}\n");
        write(dir, "deploy/worker.conf", "[program:worker]\nstdout_logfile=/var/log/app/worker.log\nstderr_logfile=AUTO\n");
        write(dir, "deploy/app.service", "[Service]\nStandardOutput=append:/var/log/app/stdout.log\n");

        var logs = AppLogFiles.find(new RepoSnapshot(dir), NginxConfig.load(new RepoSnapshot(dir)));

        assertThat(logs).extracting(AppLogFiles.LogFile::path).containsExactlyInAnyOrder("/var/log/nginx/app.access.log",
                "/var/log/app/gunicorn.err", "/var/log/app/access.log", "logs/django.log", "/var/log/app/worker.log", "/var/log/app/stdout.log");
        assertThat(logs).filteredOn(AppLogFiles.LogFile::selfRotating).extracting(AppLogFiles.LogFile::path).containsExactly("logs/django.log");
    }
}
