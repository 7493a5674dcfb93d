package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.preflight.checks.http.HealthBody.Health;

class HealthBodyTest {
    private static final Pattern DATABASE = Pattern.compile("db|database|postgres|postgresql");

    @Test
    void readsSpringBootActuatorComponents() {
        HealthBody body = HealthBody.read("""
                {"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"org.springframework.jdbc.CannotGetJdbcConnectionException"}},
                "diskSpace":{"status":"UP","details":{"total":1000,"free":500}},"ping":{"status":"UP"}}}
                """);

        assertThat(body.overall()).isEqualTo(Health.DOWN);
        assertThat(body.overallWord()).isEqualTo("DOWN");
        assertThat(body.dependencies().keySet()).containsExactly("db", "diskSpace", "ping");
        assertThat(body.matching(DATABASE)).singleElement().satisfies(d -> assertThat(d.health()).isEqualTo(Health.DOWN));
    }

    @Test
    void readsSpringBootBefore22FromDetails() {
        HealthBody body = HealthBody.read("{\"status\":\"UP\",\"details\":{\"db\":{\"status\":\"UP\"},\"redis\":{\"status\":\"UP\"}}}");

        assertThat(body.dependencies().keySet()).containsExactly("db", "redis");
    }

    @Test
    void readsTheIetfDraftsChecksTakingTheWorstOfEach() {
        HealthBody body = HealthBody.read("""
                {"status":"warn","version":"1","checks":{
                  "postgresql:connections":[{"componentId":"a","status":"pass"},{"componentId":"b","status":"fail"}],
                  "uptime":[{"componentType":"system","status":"pass"}]}}
                """);

        assertThat(body.overall()).isEqualTo(Health.DEGRADED);
        assertThat(body.matching(DATABASE)).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("postgresql:connections");
            assertThat(d.health()).isEqualTo(Health.DOWN);
            assertThat(d.word()).isEqualTo("fail");
        });
    }

    @Test
    void readsHandWrittenBodies() {
        HealthBody body = HealthBody.read("{\"status\":\"ok\",\"version\":\"1.4.2\",\"database\":\"unreachable\",\"redis\":\"ok\",\"model_loaded\":true}");

        assertThat(body.overall()).isEqualTo(Health.UP);
        assertThat(body.dependencies().keySet()).as("a version is not a dependency").containsExactly("database", "redis", "model_loaded");
        assertThat(body.dependencies().get("database").health()).isEqualTo(Health.DOWN);
        assertThat(body.dependencies().get("model_loaded").health()).isEqualTo(Health.UP);
    }

    @Test
    void readsABooleanHealthyField() {
        assertThat(HealthBody.read("{\"healthy\":false}").overall()).isEqualTo(Health.DOWN);
    }

    @Test
    void aBodyThatIsNotAJsonObjectSaysNothingMore() {
        assertThat(HealthBody.read("OK")).isEqualTo(HealthBody.NONE);
        assertThat(HealthBody.read("[1,2]")).isEqualTo(HealthBody.NONE);
        assertThat(HealthBody.read("")).isEqualTo(HealthBody.NONE);
    }

    @Test
    void classifiesTheUsualWords() {
        assertThat(HealthBody.health("UP")).isEqualTo(Health.UP);
        assertThat(HealthBody.health("healthy")).isEqualTo(Health.UP);
        assertThat(HealthBody.health("OUT_OF_SERVICE")).isEqualTo(Health.DOWN);
        assertThat(HealthBody.health("connection refused")).isEqualTo(Health.DOWN);
        assertThat(HealthBody.health("degraded")).isEqualTo(Health.DEGRADED);
        assertThat(HealthBody.health("UNKNOWN")).isEqualTo(Health.UNKNOWN);
    }
}
