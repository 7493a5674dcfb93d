package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogrotateConfigTest {

    @Test
    void readsGlobalsBlocksAndSkipsScripts() throws Exception {
        LogrotateConfig config = LogrotateConfig.parse("deploy/logrotate/filetoapi", """
                # rotate the app's logs
                compress
                /var/log/filetoapi/*.log "/srv/filetoapi/logs/django.log" {
                    daily
                    rotate 14
                    missingok
                    postrotate
                        systemctl reload gunicorn > /dev/null 2>&1 || true
                        [ -f /run/x ] && { kill -USR1 $(cat /run/x); }
                    endscript
                }
                """);

        assertThat(config.globals()).extracting(LogrotateConfig.Directive::name).containsExactly("compress");
        assertThat(config.blocks()).singleElement().satisfies(b -> {
            assertThat(b.patterns()).containsExactly("/var/log/filetoapi/*.log", "/srv/filetoapi/logs/django.log");
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.directives()).extracting(LogrotateConfig.Directive::name).containsExactly("daily", "rotate", "missingok");
            assertThat(b.find("rotate")).map(d -> d.args()).hasValue(List.of("14"));
        });
    }

    @Test
    void rejectsAnUnclosedBlockAndAScriptWithoutEndscript() {
        assertThatThrownBy(() -> LogrotateConfig.parse("x", "/var/log/app.log {\n  daily\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 1:1: block not closed with '}'"));
        assertThatThrownBy(() -> LogrotateConfig.parse("x", "/var/log/app.log {\n  postrotate\n    true\n}\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 2:3: postrotate without endscript"));
        assertThatThrownBy(() -> LogrotateConfig.parse("x", "daily\n}\n")).isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 2:1: unexpected '}'"));
    }
}
