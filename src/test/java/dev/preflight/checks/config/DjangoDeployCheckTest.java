package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class DjangoDeployCheckTest {
    static final String BASE = """
            from pathlib import Path
            BASE_DIR = Path(__file__).resolve().parent.parent.parent
            SECRET_KEY = 'django-insecure-b@7x!q2w#l9v$z7m^c1n&p0r*t5y(u4i)o6e+a-s=d_f'
            DEBUG = True
            ALLOWED_HOSTS = []
            INSTALLED_APPS = [
                'django.contrib.auth',
                'django.contrib.sessions',
            ]
            MIDDLEWARE = [
                'django.middleware.security.SecurityMiddleware',
                'django.contrib.sessions.middleware.SessionMiddleware',
                'django.middleware.csrf.CsrfViewMiddleware',
                'django.middleware.clickjacking.XFrameOptionsMiddleware',
            ]
            STATIC_URL = '/static/'
            """;
    static final String PRODUCTION = """
            import os
            from .base import *

            SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
            DEBUG = False
            ALLOWED_HOSTS = ["api.example.com"]
            SECURE_SSL_REDIRECT = True
            SESSION_COOKIE_SECURE = True
            CSRF_COOKIE_SECURE = True
            SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
            SECURE_HSTS_INCLUDE_SUBDOMAINS = True
            SECURE_HSTS_PRELOAD = True
            """;

    @TempDir
    Path dir;

    @Test
    void passesOnAProductionModuleOverADevelopmentBase() throws Exception {
        write(dir, "manage.py", "");
        write(dir, "proj/settings/__init__.py", "");
        write(dir, "proj/settings/base.py", BASE);
        write(dir, "proj/settings/production.py", PRODUCTION);
        write(dir, "proj/settings/local.py", "from .base import *\nDEBUG = True\n");

        Outcome outcome = Run.check(new DjangoDeployCheck(), dir, "Test application starts: python manage.py check");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(new Evidence.Note("proj/settings/production.py: 13 settings read"));
    }

    @Test
    void failsOnStartprojectDefaultsWithDjangosWarningIds() throws Exception {
        write(dir, "proj/settings.py", BASE);

        Outcome outcome = Run.check(new DjangoDeployCheck(), dir, "Set secure session cookie settings");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "proj/settings.py: security.W004: SECURE_HSTS_SECONDS not set (Django's default)",
                "proj/settings.py: security.W008: SECURE_SSL_REDIRECT not True (Django's default)",
                "proj/settings.py:3: security.W009: SECRET_KEY = 'djan…' (60 characters, django-insecure- prefix)",
                "proj/settings.py: security.W012: SESSION_COOKIE_SECURE not True (Django's default)",
                "proj/settings.py: security.W016: CSRF_COOKIE_SECURE not True (Django's default)",
                "proj/settings.py:4: security.W018: DEBUG = True (True in deployment)",
                "proj/settings.py:5: security.W020: ALLOWED_HOSTS = [] (empty)");
        assertThat(outcome.toString()).doesNotContain("b@7x");
    }

    @Test
    void failsOnlyOnTheSettingTheItemNames() throws Exception {
        write(dir, "proj/settings.py", BASE + "SECURE_SSL_REDIRECT = False\n");

        Outcome outcome = Run.check(new DjangoDeployCheck(), dir, "Set SECURE_SSL_REDIRECT=True", Map.of("setting", "SECURE_SSL_REDIRECT"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("proj/settings.py:17: security.W008: SECURE_SSL_REDIRECT = False (not True)");
    }

    @Test
    void skipsWithoutDjango() throws Exception {
        write(dir, "app.py", "from flask import Flask\n");

        assertThat(Run.check(new DjangoDeployCheck(), dir, "Configure CSRF protection").summary())
                .startsWith("no Django settings module in the repository");
    }

    @Test
    void passesOnTheDjangoFixtureProject() throws Exception {
        Outcome outcome = Run.check(new DjangoDeployCheck(), Run.fixture("django-good"), "Configure CSRF protection");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("the settings pass Django's deploy checks (1 settings module(s))");
    }
}
