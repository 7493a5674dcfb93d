package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.ComposeFile.Port;
import dev.preflight.collect.ComposeFile.Service;
import dev.preflight.collect.ComposeFile.Value;
import dev.preflight.collect.ComposeFile.Variable;

class ComposeFileTest {

    @Test
    void readsBothSpellingsOfLimitsAndRestart() throws Exception {
        List<Service> services = ComposeFile.parse("""
                services:
                  api:
                    image: api:1.0
                    restart: on-failure:5
                    deploy:
                      resources:
                        limits: {memory: 512M, cpus: "0.5"}
                  worker:
                    image: worker:1.0
                    mem_limit: 1g
                    cpus: 2
                    deploy:
                      restart_policy:
                        condition: on-failure
                """).services();

        assertThat(services).extracting(Service::name).containsExactly("api", "worker");
        assertThat(services.get(0).memoryLimit()).contains(new Value("512M", 7));
        assertThat(services.get(0).restart()).contains(new Value("on-failure:5", 4));
        assertThat(services.get(1).memoryLimit()).contains(new Value("1g", 10));
        assertThat(services.get(1).cpuLimit()).contains(new Value("2", 11));
        assertThat(services.get(1).restart()).contains(new Value("on-failure", 14));
    }

    @Test
    void readsEnvironmentAsAMappingOrAList() throws Exception {
        List<Service> services = ComposeFile.parse("""
                services:
                  a:
                    environment:
                      DB_PASSWORD: hunter2hunter2
                      PASSED_THROUGH:
                  b:
                    environment:
                      - API_TOKEN=abc123
                      - HOME
                """).services();

        assertThat(services.get(0).environment()).containsExactly(new Variable("DB_PASSWORD", "hunter2hunter2", 4),
                new Variable("PASSED_THROUGH", null, 5));
        assertThat(services.get(1).environment()).containsExactly(new Variable("API_TOKEN", "abc123", 8), new Variable("HOME", null, 9));
    }

    @Test
    void readsShortAndLongPortSyntax() throws Exception {
        Service s = ComposeFile.parse("""
                services:
                  db:
                    ports:
                      - "5432:5432"
                      - "127.0.0.1:6379:6379/tcp"
                      - "[::1]:27017:27017"
                      - "9000"
                      - target: 3306
                        published: "3306"
                        host_ip: 0.0.0.0
                """).services().getFirst();

        assertThat(s.ports()).extracting(Port::hostIp, Port::published, Port::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("", "5432", "5432"),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1", "6379", "6379"),
                org.assertj.core.groups.Tuple.tuple("::1", "27017", "27017"),
                org.assertj.core.groups.Tuple.tuple("", "", "9000"),
                org.assertj.core.groups.Tuple.tuple("0.0.0.0", "3306", "3306"));
    }

    @Test
    void aFragmentWithoutServicesHasNone() throws Exception {
        assertThat(ComposeFile.parse("volumes:\n  data: {}\n").services()).isEmpty();
        assertThat(ComposeFile.parse("").services()).isEmpty();
    }

    @Test
    void recognisesComposeFileNames() {
        assertThat(List.of("docker-compose.yml", "deploy/compose.yaml", "docker-compose.prod.yml", "compose.override.yaml",
                "k8s/deployment.yaml", "docker-compose.md"))
                .filteredOn(ComposeFile::isComposeFile)
                .containsExactly("docker-compose.yml", "deploy/compose.yaml", "docker-compose.prod.yml", "compose.override.yaml");
    }
}
