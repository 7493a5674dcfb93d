package dev.preflight.checks.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class SpringBootCheckTest {
    private static final String POM = """
            <project>
              <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.4</version></parent>
              <dependencies>
                <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
                <dependency>
                  <groupId>org.springframework.boot</groupId>
                  <artifactId>spring-boot-devtools</artifactId>
                  %s
                </dependency>
              </dependencies>
            </project>
            """;

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Outcome run() {
        return new SpringBootCheck().run(new CheckContext(Params.NONE, "Spring Boot actuator secured", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesWithHealthAndInfoExposedAndOptionalDevtools() throws IOException {
        write("pom.xml", POM.formatted("<optional>true</optional>"));
        write("src/main/resources/application.properties", "spring.application.name=orders\n"
                + "management.endpoints.web.exposure.include=health,info,prometheus\n");
        write("src/main/resources/application-dev.properties", "debug=true\nmanagement.endpoints.web.exposure.include=*\n");

        Outcome outcome = run();

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void failsOnEveryExposedActuatorDebugFlagAndPackagedDevtools() throws IOException {
        write("pom.xml", POM.formatted(""));
        write("src/main/resources/application.yml", """
                spring:
                  application:
                    name: orders
                debug: true
                management:
                  endpoints:
                    web:
                      exposure:
                        include: "*"
                """);

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                "src/main/resources/application.yml:4: debug=true logs internals in production",
                "src/main/resources/application.yml:9: actuator endpoints exposed over the web: *",
                "pom.xml:7: spring-boot-devtools is packaged into the production artifact");
    }

    @Test
    void failsOnGradleDevtoolsOutsideDevelopmentOnlyAndOnRiskyEndpointsInAProdProfile() throws IOException {
        write("build.gradle", """
                plugins { id 'org.springframework.boot' version '3.3.4' }
                dependencies {
                    implementation 'org.springframework.boot:spring-boot-starter-web'
                    implementation 'org.springframework.boot:spring-boot-devtools'
                }
                """);
        write("src/main/resources/application-prod.properties", "management.endpoints.web.exposure.include=health,env,heapdump\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains(
                "src/main/resources/application-prod.properties:1: actuator endpoints exposed over the web: env, heapdump",
                "build.gradle:4: spring-boot-devtools in 'implementation' ships in the production artifact; use developmentOnly");
    }

    @Test
    void anUnparseableYamlIsReportedAndTheOtherFilesAreStillRead() throws IOException {
        write("pom.xml", POM.formatted("<optional>true</optional>"));
        write("src/main/resources/application.yml", "management:\n  endpoints: [unclosed\n");
        write("src/main/resources/application-prod.properties", "trace=true\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .anySatisfy(d -> assertThat(d).startsWith("src/main/resources/application.yml:").contains("cannot parse at"))
                .contains("src/main/resources/application-prod.properties:1: trace=true logs internals in production");
    }

    @Test
    void isNotApplicableWithoutSpringBoot() throws IOException {
        write("requirements.txt", "flask==3.0\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no Spring Boot build in the repository (stack: Python, Flask)");
    }
}
