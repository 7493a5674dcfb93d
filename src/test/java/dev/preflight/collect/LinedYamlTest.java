package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.LinedYaml.Mapping;
import dev.preflight.collect.LinedYaml.Node;
import dev.preflight.collect.LinedYaml.Scalar;

class LinedYamlTest {

    @Test
    void remembersTheLineOfEveryKeyAcrossDocuments() throws Exception {
        List<Node> docs = LinedYaml.parseAll("a: 1\n---\n\nb:\n  c: ~\n");

        assertThat(docs).hasSize(2);
        Mapping second = (Mapping) docs.get(1);
        assertThat(second.lineOf("b")).isEqualTo(4);
        assertThat(second.mapping("b").orElseThrow().get("c")).contains(new Scalar(null, 5));
    }

    @Test
    void appliesMergeKeysWithTheMappingsOwnKeysWinning() throws Exception {
        Mapping root = (Mapping) LinedYaml.parseAll("""
                x: &base
                  restart: always
                  image: base:1
                svc:
                  <<: *base
                  image: app:2
                """).getFirst();

        Mapping svc = root.mapping("svc").orElseThrow();
        assertThat(svc.text("image")).contains("app:2");
        assertThat(svc.text("restart")).contains("always");
        assertThat(svc.lineOf("restart")).isEqualTo(2);
    }

    @Test
    void reportsWhereTheYamlBreaks() {
        assertThatThrownBy(() -> LinedYaml.parseAll("services:\n  web:\n    image: x\n     ports: []\n"))
                .isInstanceOfSatisfying(CannotParse.class, e ->
                        assertThat(e.describe()).isEqualTo("cannot parse at 4:11: mapping values are not allowed here"));
    }

    @Test
    void refusesAnAliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
                    .append(prev).append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
        }

        assertThatThrownBy(() -> LinedYaml.parseAll(bomb.toString())).isInstanceOf(CannotParse.class);
    }
}
