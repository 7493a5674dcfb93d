package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IniFileTest {

    @Test
    void readsSectionsEntriesCommentsAndContinuations() throws Exception {
        IniFile unit = IniFile.parse("app.service", """
                # a comment
                [Unit]
                Description=File to API
                After=network.target

                [Service]
                ; another comment
                ExecStart=/srv/app/venv/bin/gunicorn \\
                    --workers 3 app.wsgi
                Restart=no
                Restart=on-failure
                """, false);

        assertThat(unit.sections()).extracting(IniFile.Section::name).containsExactly("Unit", "Service");
        IniFile.Section service = unit.sections("Service").getFirst();
        assertThat(service.last("ExecStart")).map(IniFile.Entry::value).hasValue("/srv/app/venv/bin/gunicorn --workers 3 app.wsgi");
        assertThat(service.last("Restart")).map(IniFile.Entry::line).hasValue(11);
        assertThat(service.all("Restart")).hasSize(2);
    }

    @Test
    void acceptsColonsInSupervisorConfigsButNotInUnits() throws Exception {
        String text = "[program:web]\nuser: app\ncommand=gunicorn app:app\n";

        IniFile supervisor = IniFile.parse("supervisord.conf", text, true);

        assertThat(supervisor.sections().getFirst().last("user")).map(IniFile.Entry::value).hasValue("app");
        assertThat(supervisor.sections().getFirst().last("command")).map(IniFile.Entry::value).hasValue("gunicorn app:app");
        assertThatThrownBy(() -> IniFile.parse("x.service", text, false)).isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 2:1: expected key=value or [section]"));
    }

    @Test
    void rejectsAnOpenHeaderAndAnEntryOutsideASection() {
        assertThatThrownBy(() -> IniFile.parse("x", "\n  [Service\n", false)).isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 2:3: section header without ']'"));
        assertThatThrownBy(() -> IniFile.parse("x", "User=app\n", false)).isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.describe()).isEqualTo("cannot parse at 1:1: entry before any [section]"));
    }
}
