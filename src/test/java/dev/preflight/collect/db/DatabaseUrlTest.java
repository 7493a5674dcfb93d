package dev.preflight.collect.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.db.DatabaseUrl.Kind;

class DatabaseUrlTest {

    @Test
    void readsAPostgresqlDsnWithCredentialsAndOptions() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cr%40t@db.internal:6432/shop?sslmode=require");

        assertThat(url.kind()).isEqualTo(Kind.POSTGRESQL);
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6432);
        assertThat(url.database()).isEqualTo("shop");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cr@t");
        assertThat(url.options()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(url.redacted()).isEqualTo("postgresql://app:***@db.internal:6432/shop?sslmode=require");
        assertThat(url.toString()).doesNotContain("s3cr");
    }

    @Test
    void readsJdbcUrlsWithTheUserAndPasswordInTheQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1/shop?user=app&password=hunter2&ssl=true");

        assertThat(url.kind()).isEqualTo(Kind.POSTGRESQL);
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("hunter2");
        assertThat(url.options()).isEqualTo(Map.of("ssl", "true"));
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://127.0.0.1/shop?user=app&password=***&ssl=true");
    }

    @Test
    void readsTheMysqlAndMariadbForms() {
        assertThat(DatabaseUrl.parse("jdbc:mariadb://localhost:3307/app").kind()).isEqualTo(Kind.MYSQL);
        assertThat(DatabaseUrl.parse("jdbc:mysql://localhost/app").port()).isEqualTo(3306);
        DatabaseUrl dsn = DatabaseUrl.parse("mysql://root@127.0.0.1/app");
        assertThat(dsn.user()).isEqualTo("root");
        assertThat(dsn.password()).isNull();
        assertThat(DatabaseUrl.parse("mariadb://u:p@[::1]:3306/x").host()).isEqualTo("::1");
        assertThat(DatabaseUrl.parse("mariadb://u:p@[::1]:3306/x").address()).isEqualTo("[::1]:3306");
    }

    @Test
    void readsTheSqliteForms() {
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/var/lib/app/app.db").file().toString()).isEqualTo("/var/lib/app/app.db");
        assertThat(DatabaseUrl.parse("sqlite:///var/lib/app/app.db").database()).isEqualTo("/var/lib/app/app.db");
        DatabaseUrl bare = DatabaseUrl.parse("data/app.sqlite3");
        assertThat(bare.kind()).isEqualTo(Kind.SQLITE);
        assertThat(bare.address()).isEqualTo("data/app.sqlite3");
    }

    @Test
    void recognisesRedisForItsOwnChecks() {
        DatabaseUrl url = DatabaseUrl.parse("redis://:pw@127.0.0.1:6380/0");
        assertThat(url.kind()).isEqualTo(Kind.REDIS);
        assertThat(url.port()).isEqualTo(6380);
        assertThat(url.redacted()).isEqualTo("redis://:***@127.0.0.1:6380/0");
    }

    @Test
    void badInputSaysWhatIsWrongOnOneLineWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("oracle://scott:tiger@host/db"))
                .hasMessage("invalid database URL 'oracle://scott:***@host/db': unknown database kind 'oracle':"
                            + " expected postgresql, postgres, mysql, mariadb, sqlite or redis");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pw@host:99999/db"))
                .hasMessage("invalid database URL 'postgresql://u:***@host:99999/db': port '99999' is not a number from 1 to 65535");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageEndingWith("it names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("just words")).hasMessageContaining("expected a JDBC URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlite::memory:")).hasMessageContaining("names the database file");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessage("an empty database URL");
    }
}
