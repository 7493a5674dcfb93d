package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class SessionCookiesCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesOnAFlaskProductionConfigOverridingItsBase() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.3\ngunicorn==22.0.0\n");
        write(dir, "app/config.py", """
                import os

                class Config:
                    SECRET_KEY = os.environ["SECRET_KEY"]
                    SESSION_COOKIE_SECURE = False

                class DevelopmentConfig(Config):
                    DEBUG = True

                class ProductionConfig(Config):
                    SESSION_COOKIE_SECURE = True
                    SESSION_COOKIE_HTTPONLY = True
                    SESSION_COOKIE_SAMESITE = "Lax"
                """);

        Outcome outcome = Run.check(new SessionCookiesCheck(), dir, "Set secure session cookie settings");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "app/config.py:11: SESSION_COOKIE_SECURE = True",
                "app/config.py:12: SESSION_COOKIE_HTTPONLY = True",
                "app/config.py:13: SESSION_COOKIE_SAMESITE = \"Lax\"");
    }

    @Test
    void passesOnExpressSessionAndCookieSessionWithSecureOptions() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\", \"express-session\": \"^1.18.0\", \"cookie-session\": \"^2.1.0\"}}\n");
        write(dir, "src/app.js", """
                const express = require('express');
                const session = require('express-session');
                const app = express();
                app.set('trust proxy', 1);
                app.use(session({
                  secret: process.env.SESSION_SECRET, // never in the code
                  resave: false,
                  saveUninitialized: false,
                  cookie: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 3600000 },
                }));
                """);
        write(dir, "src/admin.mjs", """
                import cookieSession from 'cookie-session';
                export const adminSession = cookieSession({ name: 'admin', keys: [process.env.KEY], secure: true, sameSite: 'strict' });
                """);

        Outcome outcome = Run.check(new SessionCookiesCheck(), dir, "express-session cookie options");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                "src/app.js:5: session cookie secure: true, httpOnly: true, sameSite: 'lax'",
                "src/admin.mjs:2: session cookie secure: true, httpOnly: true, sameSite: 'strict'");
    }

    @Test
    void failsOnFlaskDefaultsAndAnEnvironmentThatTurnsSecureOff() throws Exception {
        write(dir, "requirements.txt", "Flask>=3\n");
        write(dir, "app.py", """
                import os
                from flask import Flask

                app = Flask(__name__)
                app.config.update(
                    SECRET_KEY=os.environ["SECRET_KEY"],
                    SESSION_COOKIE_HTTPONLY=False,
                )
                app.config["SESSION_COOKIE_SECURE"] = os.environ.get("SESSION_COOKIE_SECURE", "true")
                """);
        write(dir, ".env.production", "SESSION_COOKIE_SECURE=false\n");

        Outcome outcome = Run.check(new SessionCookiesCheck(), dir, "Session cookie flags");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                ".env.production:1: SESSION_COOKIE_SECURE=false (read as SESSION_COOKIE_SECURE)",
                "app.py:7: SESSION_COOKIE_HTTPONLY=False (scripts can read the cookie)",
                "SESSION_COOKIE_SAMESITE is not set (Flask's default: None, the browser decides)");
    }

    @Test
    void failsOnExpressSessionWithoutCookieOptionsAndInsecureCookieSession() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\", \"express-session\": \"^1.18.0\"}}\n");
        write(dir, "server.js", """
                const express = require("express");
                const expressSession = require("express-session");
                const cookieSession = require("cookie-session");
                const app = express();
                app.use(expressSession({ secret: "keyboard cat", resave: false }));
                app.use(cookieSession({ keys: ["k1"], /* secure: true, */ httpOnly: false, sameSite: "lax" }));
                """);
        write(dir, "test/server.test.js", "const session = require('express-session');\napp.use(session({ cookie: { secure: true } }));\n");

        Outcome outcome = Run.check(new SessionCookiesCheck(), dir, "Secure session cookies");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                "server.js:5: session({...}) without cookie options: express-session's cookie is not Secure by default",
                "server.js:6: session cookie secure: (not set), httpOnly: false, sameSite: \"lax\" (the cookie goes over plain HTTP)",
                "server.js:6: session cookie secure: (not set), httpOnly: false, sameSite: \"lax\" (scripts can read the cookie)");
        assertThat(outcome.toString()).doesNotContain("keyboard");
    }

    @Test
    void warnsWhenSameSiteIsMissingOrSecureHasAnUnsafeDefault() throws Exception {
        write(dir, "pyproject.toml", "[project]\ndependencies = [\"flask\"]\n");
        write(dir, "config.py", "import os\nSESSION_COOKIE_SECURE = os.getenv(\"COOKIE_SECURE\", False)\n");

        Outcome outcome = Run.check(new SessionCookiesCheck(), dir, "Session cookie settings");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.WARN);
        assertThat(outcome.evidence()).hasSize(2);
        assertThat(outcome.evidence().getFirst().describe()).contains("COOKIE_SECURE").contains("the default is False");
    }

    @Test
    void skipsDjangoAndExpressWithoutSessions() throws Exception {
        write(dir, "manage.py", "import django\n");
        write(dir, "requirements.txt", "Django==5.0\n");
        write(dir, "proj/settings.py", "SESSION_COOKIE_SECURE = False\n");

        Outcome django = Run.check(new SessionCookiesCheck(), dir, "Set secure session cookie settings");

        assertThat(django.status()).isEqualTo(Status.SKIP);
        assertThat(django.toString()).contains("config.django-deploy");

        Path api = dir.resolve("api");
        write(api, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\"}}\n");
        write(api, "index.js", "const express = require('express');\nconst app = express();\n");
        assertThat(Run.check(new SessionCookiesCheck(), api, "Secure session cookies").toString()).contains("neither express-session nor cookie-session");
    }
}
