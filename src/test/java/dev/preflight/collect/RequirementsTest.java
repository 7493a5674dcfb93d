package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequirementsTest {

    @Test
    void readsPinsRangesUrlsAndHashesWithTheirLines() {
        List<Requirements.Requirement> reqs = Requirements.parse("""
                # comment
                --index-url https://pypi.org/simple
                -r base.txt
                Django[argon2]==4.2.11 ; python_version >= "3.10"  # why
                gunicorn==21.2.0 \\
                    --hash=sha256:3213
                requests>=2.31
                flask==2.*
                -e .
                git+https://github.com/x/y.git@main#egg=y
                pkg @ https://example.com/pkg.whl
                """);

        assertThat(reqs).extracting(Requirements.Requirement::line, Requirements.Requirement::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, Requirements.Kind.PINNED),
                org.assertj.core.groups.Tuple.tuple(5, Requirements.Kind.PINNED),
                org.assertj.core.groups.Tuple.tuple(7, Requirements.Kind.LOOSE),
                org.assertj.core.groups.Tuple.tuple(8, Requirements.Kind.LOOSE),
                org.assertj.core.groups.Tuple.tuple(9, Requirements.Kind.EDITABLE_OR_URL),
                org.assertj.core.groups.Tuple.tuple(10, Requirements.Kind.EDITABLE_OR_URL),
                org.assertj.core.groups.Tuple.tuple(11, Requirements.Kind.EDITABLE_OR_URL));
        assertThat(reqs.getFirst().name()).isEqualTo("Django");
        assertThat(reqs.getFirst().version()).isEqualTo("4.2.11");
        assertThat(reqs.get(1).hashed()).isTrue();
    }
}
