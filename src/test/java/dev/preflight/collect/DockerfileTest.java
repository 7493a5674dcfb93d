package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.Dockerfile.Instruction;
import dev.preflight.collect.Dockerfile.Stage;

class DockerfileTest {

    @Test
    void joinsContinuationsSkippingCommentsAndBlankLinesInside() throws Exception {
        Dockerfile d = Dockerfile.parse("""
                FROM debian:12
                RUN apt-get update \\
                # a comment inside the continuation is dropped
                    && apt-get install -y curl \\

                    && rm -rf /var/lib/apt/lists/*
                CMD ["curl", "--version"]
                """);

        assertThat(d.instructions()).extracting(Instruction::keyword, Instruction::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("FROM", 1), org.assertj.core.groups.Tuple.tuple("RUN", 2),
                org.assertj.core.groups.Tuple.tuple("CMD", 7));
        assertThat(d.instructions().get(1).arguments()).isEqualTo("apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
        assertThat(d.instructions().get(2).execForm()).contains(List.of("curl", "--version"));
    }

    @Test
    void readsParserDirectivesOnlyAtTheTopAndHonoursTheEscapeCharacter() throws Exception {
        Dockerfile d = Dockerfile.parse("""
                # escape=`
                # syntax=docker/dockerfile:1
                FROM mcr.microsoft.com/windows/servercore:ltsc2022
                RUN dir c:\\ `
                    && echo done
                # escape=\\
                """);

        assertThat(d.directives()).isEqualTo(Map.of("escape", "`", "syntax", "docker/dockerfile:1"));
        assertThat(d.instructions().get(1).arguments()).isEqualTo("dir c:\\     && echo done");
    }

    @Test
    void splitsStagesAndSubstitutesGlobalBuildArguments() throws Exception {
        Dockerfile d = Dockerfile.parse("""
                ARG GO_VERSION=1.22
                FROM golang:${GO_VERSION}-alpine AS build
                RUN go build -o /out/app .
                FROM build as test
                RUN go test ./...
                FROM gcr.io/distroless/static:nonroot
                COPY --from=build /out/app /app
                """);

        List<Stage> stages = d.stages();
        assertThat(stages).extracting(Stage::image).containsExactly("golang:1.22-alpine", "build", "gcr.io/distroless/static:nonroot");
        assertThat(stages.get(1).alias()).contains("test");
        assertThat(d.finalStage().body()).singleElement().satisfies(i -> {
            assertThat(i.flags()).isEqualTo(Map.of("from", "build"));
            assertThat(i.words()).containsExactly("/out/app", "/app");
        });
    }

    @Test
    void skipsHeredocBodiesSoTheirLinesAreNotInstructions() throws Exception {
        Dockerfile d = Dockerfile.parse("""
                FROM alpine:3.20
                RUN <<EOF
                apk add --no-cache curl
                USER root
                EOF
                USER nobody
                """);

        assertThat(d.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "USER");
        assertThat(d.instructions().get(1).heredocs()).containsExactly("apk add --no-cache curl\nUSER root\n");
        assertThat(d.instructions().get(2).line()).isEqualTo(6);
    }

    @Test
    void shellFormWhenTheArrayIsNotValidJson() throws Exception {
        Dockerfile d = Dockerfile.parse("FROM alpine:3.20\nCMD ['sh', '-c', 'echo']\n");

        assertThat(d.instructions().get(1).execForm()).isEmpty();
    }

    @Test
    void reportsLineAndColumnOfWhatBuildKitWouldRefuse() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM alpine:3.20\n\n   COPPY . /app\n"))
                .isInstanceOfSatisfying(CannotParse.class, e ->
                        assertThat(e.describe()).isEqualTo("cannot parse at 3:4: unknown instruction 'COPPY'"));
        assertThatThrownBy(() -> Dockerfile.parse("FROM alpine:3.20\nRUN <<EOF\necho never closed\n"))
                .hasMessage("heredoc <<EOF is never closed");
        assertThatThrownBy(() -> Dockerfile.parse("# just a comment\n")).hasMessage("no FROM instruction");
        assertThatThrownBy(() -> Dockerfile.parse("FROM\n")).hasMessage("FROM needs at least one argument");
    }

    @Test
    void recognisesDockerfileNames() {
        assertThat(List.of("Dockerfile", "deploy/Dockerfile.prod", "api.dockerfile", "Dockerfile.md", "dockerfile-notes.txt"))
                .filteredOn(Dockerfile::isDockerfile).containsExactly("Dockerfile", "deploy/Dockerfile.prod", "api.dockerfile");
    }
}
