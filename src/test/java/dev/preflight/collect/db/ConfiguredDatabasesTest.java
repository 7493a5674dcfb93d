package dev.preflight.collect.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.RepoSnapshot;

/** Fixture repositories that name their databases in each of the config forms read. */
class ConfiguredDatabasesTest {
    @TempDir
    Path dir;

    private void write(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void findsUrlsInEnvFilesComposeSpringAndDjangoWithWhereEachIsWritten() throws Exception {
        write(".env", "DEBUG=0\nDATABASE_URL=postgresql+psycopg2://app:${DB_PASS}@127.0.0.1:5432/app\n");
        write(".env.example", "DATABASE_URL=postgresql://user:changeme@localhost/db\n");
        write(".env.test", "DATABASE_URL=postgresql://test@localhost/test\n");
        write("docker-compose.yml", "services:\n  db:\n    image: mariadb\n    environment:\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD:-s3cret}\n"
                + "  cache:\n    image: redis\n  web:\n    environment:\n      - REDIS_URL=redis://127.0.0.1:6379\n");
        write("src/main/resources/application.properties", "spring.datasource.url=jdbc:mysql://127.0.0.1:3306/shop\n"
                + "spring.datasource.username=shop\nspring.datasource.password=${SHOP_DB_PASSWORD}\n");
        write("mysite/settings.py", "import os\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n"
                + "        'NAME': 'blog',\n        'USER': 'blog',\n        'PASSWORD': os.environ.get('BLOG_DB_PASSWORD', 'blogpw'),\n"
                + "        'HOST': '127.0.0.1',\n    }\n}\n");

        ConfiguredDatabases found = ConfiguredDatabases.find(new RepoSnapshot(dir), Map.of("DB_PASS", "from-env-pw", "SHOP_DB_PASSWORD", "shoppw"));

        assertThat(found.urls()).extracting(ConfiguredDatabases.Found::describe).containsExactlyInAnyOrder(
                "postgresql://app:***@127.0.0.1:5432/app (from .env:2)",
                "redis://127.0.0.1:6379 (from docker-compose.yml:10)",
                "jdbc:mysql://127.0.0.1:3306/shop?user=shop&password=*** (from src/main/resources/application.properties:1)",
                "postgresql://blog:***@127.0.0.1/blog (from mysite/settings.py:2)");
        assertThat(found.urls()).filteredOn(f -> f.url().kind() == DatabaseUrl.Kind.POSTGRESQL && "app".equals(f.url().user()))
                .singleElement().satisfies(f -> assertThat(f.url().password()).isEqualTo("from-env-pw"));
        assertThat(found.passwords()).extracting(ConfiguredDatabases.Password::where, ConfiguredDatabases.Password::key)
                .contains(org.assertj.core.groups.Tuple.tuple("docker-compose.yml:5", "MYSQL_PASSWORD"),
                        org.assertj.core.groups.Tuple.tuple("src/main/resources/application.properties:3", "spring.datasource.password"),
                        org.assertj.core.groups.Tuple.tuple("mysite/settings.py:2", "DATABASES['default']['PASSWORD']"));
        assertThat(found.passwords()).filteredOn(p -> p.key().equals("MYSQL_PASSWORD")).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo("s3cret"));
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void aPlaceholderThatIsNotSetIsANoteAndNoUrl() throws Exception {
        write(".env.production", "DATABASE_URL=${PROD_DATABASE_URL}\n");

        ConfiguredDatabases found = ConfiguredDatabases.find(new RepoSnapshot(dir), Map.of());

        assertThat(found.urls()).isEmpty();
        assertThat(found.notes()).containsExactly(".env.production:1: DATABASE_URL takes ${PROD_DATABASE_URL}, which is not set in this environment");
    }

    @Test
    void aRelativeDjangoSqliteNameIsTakenFromTheRepositorysRoot() throws Exception {
        write("proj/settings.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n");

        ConfiguredDatabases found = ConfiguredDatabases.find(new RepoSnapshot(dir), Map.of());

        assertThat(found.urls()).singleElement().satisfies(f -> {
            assertThat(f.url().kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
            assertThat(f.url().file()).isEqualTo(dir.resolve("db.sqlite3"));
            assertThat(f.where()).isEqualTo("proj/settings.py:1");
        });
    }
}
