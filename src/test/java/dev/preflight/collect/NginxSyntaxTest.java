package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.NginxSyntax.Directive;
import dev.preflight.collect.CannotParse;

class NginxSyntaxTest {

    @Test
    void readsDirectivesBlocksQuotesAndComments() throws Exception {
        List<Directive> parsed = NginxSyntax.parse("site.conf", """
                # a comment; with { braces }
                server {
                    listen 443 ssl http2;   # trailing comment
                    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
                    location ~* \\.(css|js)$ {
                        expires 30d;
                    }
                    return 301 'https://${host}$request_uri';
                }
                """);

        assertThat(parsed).hasSize(1);
        Directive server = parsed.getFirst();
        assertThat(server.name()).isEqualTo("server");
        assertThat(server.line()).isEqualTo(2);
        assertThat(server.block()).extracting(Directive::name).containsExactly("listen", "add_header", "location", "return");
        assertThat(server.block().get(0).args()).containsExactly("443", "ssl", "http2");
        assertThat(server.block().get(1).args()).containsExactly("Strict-Transport-Security", "max-age=63072000; includeSubDomains", "always");
        assertThat(server.block().get(2).args()).containsExactly("~*", "\\.(css|js)$");
        assertThat(server.block().get(2).block().getFirst().text()).isEqualTo("expires 30d");
        assertThat(server.block().get(3).line()).isEqualTo(8);
        assertThat(server.block().get(3).arg(1)).isEqualTo("https://${host}$request_uri");
    }

    @Test
    void keepsVariableBracesInsideAWord() throws Exception {
        Directive d = NginxSyntax.parse("x", "set $a ${scheme}://example;").getFirst();

        assertThat(d.args()).containsExactly("$a", "${scheme}://example");
    }

    @Test
    void reportsAMissingSemicolonWhereTheBlockCloses() {
        assertThatThrownBy(() -> NginxSyntax.parse("x", "server {\n    location / {\n        proxy_pass http://app\n    }\n}\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(5);
                    assertThat(e.describe()).isEqualTo("cannot parse at 4:5: unexpected \"}\" after \"proxy_pass\" (missing \";\")");
                });
    }

    @Test
    void reportsAnUnclosedBlockAtItsOpeningBrace() {
        assertThatThrownBy(() -> NginxSyntax.parse("x", "http {\n  server {\n    listen 80;\n  }\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe())
                        .isEqualTo("cannot parse at 1:6: unexpected end of file: the block opened here is not closed"));
    }

    @Test
    void reportsAStrayClosingBraceAndAnUnterminatedQuote() {
        assertThatThrownBy(() -> NginxSyntax.parse("x", "listen 80;\n}\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 2:1: unexpected \"}\""));
        assertThatThrownBy(() -> NginxSyntax.parse("x", "add_header X \"open;\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 1:14: unterminated quoted string"));
    }

    @Test
    void reportsADirectiveLeftOpenAtTheEnd() {
        assertThatThrownBy(() -> NginxSyntax.parse("x", "worker_processes auto"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.getMessage()).startsWith("unexpected end of file"));
    }
}
