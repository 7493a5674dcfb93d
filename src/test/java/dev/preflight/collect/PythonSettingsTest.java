package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.PythonSettings.Bool;
import dev.preflight.collect.PythonSettings.Expr;
import dev.preflight.collect.PythonSettings.FromEnv;
import dev.preflight.collect.PythonSettings.Num;
import dev.preflight.collect.PythonSettings.Str;
import dev.preflight.collect.PythonSettings.StrList;

class PythonSettingsTest {
    private static final String SETTINGS = """
            import os
            from pathlib import Path
            from .base import *

            BASE_DIR = Path(__file__).resolve().parent.parent
            SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
            DEBUG = os.environ.get("DEBUG", "False") == "True"
            API_KEY_SALT = env("API_KEY_SALT", default="salt-for-dev")
            TIMEOUT: int = config("TIMEOUT", default=30, cast=int)
            ALLOWED_HOSTS = [
                "api.example.com",  # the public API
                'www.example.com',
            ]
            SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
            SECURE_SSL_REDIRECT = True
            SESSION_COOKIE_SECURE = True  # behind TLS
            SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
            TITLE = "It's" ' joined'
            MAX_UPLOAD_SIZE = 10 * 1024 * 1024
            DEBUG_TOOLBAR = None
            STATIC_ROOT = BASE_DIR / "staticfiles"
                INDENTED = True
            app.config["SECRET_KEY"] = 'flask-key'
            SECURE_SSL_REDIRECT = False
            """;

    @Test
    void readsLiteralsListsProductsAndEnvironmentReferences() {
        PythonSettings s = PythonSettings.parse("proj/settings.py", SETTINGS.substring(0, SETTINGS.indexOf("app.config")));

        assertThat(s.get("SECRET_KEY").orElseThrow().value()).isEqualTo(new FromEnv("DJANGO_SECRET_KEY", Optional.empty()));
        assertThat(s.get("DEBUG").orElseThrow().value()).isEqualTo(new FromEnv("DEBUG", Optional.of(new Str("False"))));
        assertThat(s.get("API_KEY_SALT").orElseThrow().value()).isEqualTo(new FromEnv("API_KEY_SALT", Optional.of(new Str("salt-for-dev"))));
        assertThat(s.get("TIMEOUT").orElseThrow().value()).isEqualTo(new FromEnv("TIMEOUT", Optional.of(new Num(30))));
        assertThat(s.get("ALLOWED_HOSTS").orElseThrow().value()).isEqualTo(new StrList(List.of("api.example.com", "www.example.com")));
        assertThat(s.get("ALLOWED_HOSTS").orElseThrow().line()).isEqualTo(10);
        assertThat(s.get("SECURE_HSTS_SECONDS").orElseThrow().value()).isEqualTo(new Num(31_536_000));
        assertThat(s.get("SESSION_COOKIE_SECURE").orElseThrow().value()).isEqualTo(new Bool(true));
        assertThat(s.get("SECURE_PROXY_SSL_HEADER").orElseThrow().value()).isEqualTo(new StrList(List.of("HTTP_X_FORWARDED_PROTO", "https")));
        assertThat(s.get("TITLE").orElseThrow().value()).isEqualTo(new Str("It's joined"));
        assertThat(s.get("MAX_UPLOAD_SIZE").orElseThrow().value()).isEqualTo(new Num(10_485_760));
        assertThat(s.get("DEBUG_TOOLBAR").orElseThrow().value()).isEqualTo(new PythonSettings.None());
        assertThat(s.get("STATIC_ROOT").orElseThrow().value()).isEqualTo(new Expr("BASE_DIR / \"staticfiles\""));
        assertThat(s.get("INDENTED")).isEmpty();
        assertThat(s.get("SECRET_KEY").map(a -> a.line())).contains(6);
        assertThat(s.starImports()).containsExactly(".base");
    }

    @Test
    void flaskConfigItemsAndLaterAssignmentsWin() {
        PythonSettings s = PythonSettings.parse("app.py", SETTINGS);

        assertThat(s.get("SECRET_KEY").orElseThrow().value()).isEqualTo(new Str("flask-key"));
        assertThat(s.get("SECURE_SSL_REDIRECT").orElseThrow().value()).isEqualTo(new Bool(false));
        assertThat(s.get("SECURE_SSL_REDIRECT").orElseThrow().line()).isEqualTo(24);
    }

    @Test
    void overlaysAStarImportedBaseKeepingWhereEachValueIs() {
        PythonSettings base = PythonSettings.parse("proj/settings/base.py", "DEBUG = True\nSECRET_KEY = 'x'\n");
        PythonSettings prod = PythonSettings.parse("proj/settings/production.py", "from .base import *\nDEBUG = False\n").over(base);

        assertThat(prod.get("DEBUG").orElseThrow().value()).isEqualTo(new Bool(false));
        assertThat(prod.get("SECRET_KEY").orElseThrow().file()).isEqualTo("proj/settings/base.py");
    }

    @Test
    void unterminatedListReadsToTheEndWithoutFailing() {
        PythonSettings s = PythonSettings.parse("settings.py", "ALLOWED_HOSTS = [\n  'a',\nDEBUG = True\n");

        assertThat(s.get("ALLOWED_HOSTS").orElseThrow().value()).isInstanceOf(Expr.class);
        assertThat(s.get("DEBUG")).isEmpty();
    }

    @Test
    void readsTheAttributesOfConfigurationClasses() {
        PythonSettings s = PythonSettings.parse("config.py", """
                import os


                class Config:
                    SECRET_KEY = os.environ.get("SECRET_KEY")
                    DEBUG = False

                    def init_app(self, app):
                        TIMEOUT = 5


                class DevelopmentConfig(Config):  # local work
                    DEBUG = True
                    ALLOWED = [
                        "localhost",
                    ]

                LOG_LEVEL = "info"
                """);

        assertThat(s.classes().keySet()).containsExactly("Config", "DevelopmentConfig");
        assertThat(s.classes().get("Config").attributes().keySet()).containsExactly("SECRET_KEY", "DEBUG");
        assertThat(s.classes().get("Config").bases()).isEmpty();
        assertThat(s.classes().get("DevelopmentConfig").bases()).containsExactly("Config");
        assertThat(s.classes().get("DevelopmentConfig").attributes().get("DEBUG").line()).isEqualTo(13);
        assertThat(s.classes().get("DevelopmentConfig").attributes().get("ALLOWED").value()).isEqualTo(new StrList(List.of("localhost")));
        assertThat(s.get("LOG_LEVEL").orElseThrow().value()).isEqualTo(new Str("info"));
        assertThat(s.get("DEBUG")).isEmpty();
    }

    @Test
    void readsClassBasesAndTheNamesImportedFromOtherModules() {
        PythonSettings s = PythonSettings.parse("config/production.py", """
                from .base import Config, Limits as BaseLimits
                from app import (
                    settings,
                    extensions,  # the Flask extensions
                )
                import os


                class ProductionConfig(Config, BaseLimits, metaclass=ConfigMeta):
                    DEBUG = False


                class Remote(settings.RemoteConfig):  # a dotted base
                    pass
                """);

        assertThat(s.imports()).containsExactly(
                Map.entry("Config", new PythonSettings.Import(".base", "Config")),
                Map.entry("BaseLimits", new PythonSettings.Import(".base", "Limits")),
                Map.entry("settings", new PythonSettings.Import("app", "settings")),
                Map.entry("extensions", new PythonSettings.Import("app", "extensions")));
        assertThat(s.classes().get("ProductionConfig").bases()).containsExactly("Config", "BaseLimits");
        assertThat(s.classes().get("Remote").bases()).containsExactly("settings.RemoteConfig");
    }

    @Test
    void readsDictsAndDatabaseUrlsFromTheEnvironment() {
        PythonSettings s = PythonSettings.parse("proj/settings.py", """
                import dj_database_url
                DATABASES = {
                    "default": {
                        "ENGINE": "django.db.backends.sqlite3",
                        "NAME": BASE_DIR / "db.sqlite3",  # next to the code
                        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20},
                    },
                    "replica": dj_database_url.config(default="postgres://app@db/app", conn_max_age=600),
                    "reports": env.db("REPORTS_DATABASE_URL"),
                    "legacy": dj_database_url.config("LEGACY_DB", "mysql://legacy"),
                    "other": env.db(),
                }
                NOT_A_DICT = {key: value for key, value in PAIRS}
                """);

        PythonSettings.Dict databases = (PythonSettings.Dict) s.get("DATABASES").orElseThrow().value();
        PythonSettings.Dict sqlite = (PythonSettings.Dict) databases.get("default").orElseThrow();
        assertThat(sqlite.get("ENGINE")).contains(new Str("django.db.backends.sqlite3"));
        assertThat(sqlite.get("NAME")).contains(new Expr("BASE_DIR / \"db.sqlite3\""));
        assertThat(((PythonSettings.Dict) sqlite.get("OPTIONS").orElseThrow()).get("init_command")).contains(new Str("PRAGMA journal_mode=WAL;"));
        assertThat(databases.get("replica")).contains(new FromEnv("DATABASE_URL", Optional.of(new Str("postgres://app@db/app"))));
        assertThat(databases.get("reports")).contains(new FromEnv("REPORTS_DATABASE_URL", Optional.empty()));
        assertThat(databases.get("legacy")).contains(new FromEnv("LEGACY_DB", Optional.of(new Str("mysql://legacy"))));
        assertThat(databases.get("other")).contains(new FromEnv("DATABASE_URL", Optional.empty()));
        assertThat(s.get("NOT_A_DICT").orElseThrow().value()).isInstanceOf(Expr.class);
    }
}
