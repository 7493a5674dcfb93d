package dev.preflight.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.config.ConfigLoader;
import dev.preflight.config.PreflightConfig;

class BinderTest {
    private static final Path FILE = Path.of("CHECKLIST.md");

    @TempDir
    Path dir;

    @Test
    void anItemsOwnPhrasesBindItsChecksWithTheParametersItsWordsState() throws Exception {
        Binding b = only("- [ ] Ensure sufficient disk space (10GB+ recommended)\n");

        assertThat(b.source()).isEqualTo(Binding.Source.PHRASE);
        assertThat(ids(b)).containsExactly("host.disk");
        assertThat(b.checks().getFirst().params().values()).containsExactly(Map.entry("minSize", "10GB"));
    }

    @Test
    void aDirectiveBindsWhateverTheWordsSay() throws Exception {
        Binding b = only("- [ ] Test rate limiting <!-- preflight: http.health path=/ready -->\n");

        assertThat(b.source()).isEqualTo(Binding.Source.DIRECTIVE);
        assertThat(ids(b)).containsExactly("http.health");
        assertThat(b.checks().getFirst().params().values()).containsExactly(Map.entry("path", "/ready"));
    }

    @Test
    void aDirectiveCanBindSeveralChecksEachWithItsParameters() throws Exception {
        Binding b = only("- [ ] Rate limits <!-- preflight: http.rate-limit path=/api burst=40 config.rate-limit -->\n");

        assertThat(ids(b)).containsExactly("http.rate-limit", "config.rate-limit");
        assertThat(b.checks().getFirst().params().values()).containsEntry("path", "/api").containsEntry("burst", "40");
        assertThat(b.checks().get(1).params().isEmpty()).isTrue();
    }

    @Test
    void aManualDirectiveKeepsABindableItemManual() throws Exception {
        Binding b = only("- [ ] Test rate limiting <!-- preflight: manual -->\n");

        assertThat(b.isManual()).isTrue();
        assertThat(b.source()).isEqualTo(Binding.Source.DIRECTIVE);
        assertThat(b.manualReason()).isEqualTo("marked manual in its preflight comment");
    }

    @Test
    void preflightYamlBindsAnItemById() throws Exception {
        Checklist checklist = parse("- [ ] Throttling works <!-- preflight: id=throttle -->\n");
        PreflightConfig config = config("""
                bind:
                  throttle:
                    - check: http.rate-limit
                      params: {path: /login, burst: 20}
                """);

        Binding b = new Binder(Catalog.standard(), config).bind(checklist).getFirst();

        assertThat(b.source()).isEqualTo(Binding.Source.CONFIG);
        assertThat(ids(b)).containsExactly("http.rate-limit");
        assertThat(b.checks().getFirst().params().values()).containsEntry("path", "/login").containsEntry("burst", "20");
    }

    @Test
    void preflightYamlBindsByTheDerivedIdToo() throws Exception {
        Checklist checklist = parse("### Security\n- [ ] Throttling works\n");
        String id = checklist.items().getFirst().id();

        Binding b = new Binder(Catalog.standard(), config("bind:\n  " + id + ": http.rate-limit\n")).bind(checklist).getFirst();

        assertThat(ids(b)).containsExactly("http.rate-limit");
    }

    @Test
    void preflightYamlCanKeepAnItemManual() throws Exception {
        Checklist checklist = parse("- [ ] Test rate limiting <!-- preflight: id=rl -->\n");

        Binding b = new Binder(Catalog.standard(), config("bind:\n  rl: manual\n")).bind(checklist).getFirst();

        assertThat(b.isManual()).isTrue();
        assertThat(b.source()).isEqualTo(Binding.Source.CONFIG);
        assertThat(b.manualReason()).isEqualTo("marked manual in preflight.yaml");
    }

    @Test
    void theItemsOwnDirectiveWinsOverPreflightYaml() throws Exception {
        Checklist checklist = parse("- [ ] Throttling <!-- preflight: id=rl http.health -->\n");

        Binding b = new Binder(Catalog.standard(), config("bind:\n  rl: http.rate-limit\n")).bind(checklist).getFirst();

        assertThat(ids(b)).containsExactly("http.health");
    }

    @Test
    void anUnknownCheckInADirectiveIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> bind("# Launch\n\n- [ ] Throttling <!-- preflight: http.nope -->\n"))
                .isInstanceOf(BindingException.class)
                .hasMessageStartingWith("CHECKLIST.md:3: ")
                .hasMessageContaining("unknown check 'http.nope'");
    }

    @Test
    void aBadParameterValueIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> bind("- [ ] Health <!-- preflight: http.health path=health -->\n"))
                .isInstanceOf(BindingException.class)
                .hasMessageStartingWith("CHECKLIST.md:1: ")
                .hasMessageContaining("path=health is not a URL path");
    }

    @Test
    void aParameterTheCheckDoesNotTakeIsAnErrorThatNamesTheOnesItDoes() {
        assertThatThrownBy(() -> bind("\n- [ ] Health <!-- preflight: http.health burst=40 -->\n"))
                .isInstanceOf(BindingException.class)
                .hasMessageStartingWith("CHECKLIST.md:2: ")
                .hasMessageContaining("http.health has no parameter 'burst' (it takes: latency, path)");
    }

    @Test
    void anUnknownCheckInPreflightYamlIsAnErrorNamingTheItem() throws Exception {
        Checklist checklist = parse("- [ ] Throttling <!-- preflight: id=rl -->\n");
        Binder binder = new Binder(Catalog.standard(), config("bind:\n  rl: http.nope\n"));

        assertThatThrownBy(() -> binder.bind(checklist))
                .isInstanceOf(BindingException.class)
                .hasMessage(dir.resolve("preflight.yaml") + ":2: bind: rl: unknown check 'http.nope' (see 'preflight list-checks')");
    }

    @Test
    void aBadParameterInPreflightYamlIsAnError() throws Exception {
        Checklist checklist = parse("- [ ] Disk <!-- preflight: id=disk -->\n");
        Binder binder = new Binder(Catalog.standard(), config("bind:\n  disk:\n    - check: host.disk\n      params: {minSize: lots}\n"));

        assertThatThrownBy(() -> binder.bind(checklist))
                .isInstanceOf(BindingException.class)
                .hasMessageStartingWith(dir.resolve("preflight.yaml") + ":2: bind: disk: minSize=lots is not");
    }

    @Test
    void preflightYamlBindingAnItemThatDoesNotExistIsAnError() throws Exception {
        Checklist checklist = parse("- [ ] Disk\n");
        Binder binder = new Binder(Catalog.standard(), config("bind:\n  no-such-item: host.disk\n"));

        assertThatThrownBy(() -> binder.bind(checklist))
                .isInstanceOf(BindingException.class)
                .hasMessageContaining("preflight.yaml:2: bind: no item has the id 'no-such-item'");
    }

    @Test
    void eachCheckGetsOnlyTheParametersItDeclares() throws Exception {
        Binding b = only("- [ ] File upload limits - 10MB max size on /upload\n");

        assertThat(ids(b)).containsExactly("config.upload-limit", "http.upload-limit");
        assertThat(b.checks().get(0).params().values()).containsExactly(Map.entry("maxSize", "10MB"));
        assertThat(b.checks().get(1).params().values()).containsOnly(Map.entry("maxSize", "10MB"), Map.entry("path", "/upload"));
    }

    @Test
    void aGroupWithSubItemsAndNoBindingOfItsOwnIsAGroup() throws Exception {
        List<Binding> bindings = bind("""
                - [ ] Before launch:
                  - [ ] Install fail2ban
                  - [ ] Announce maintenance window
                """);

        Binding group = bindings.getFirst();
        assertThat(group.group()).isTrue();
        assertThat(group.isManual()).isFalse();
        assertThat(group.checks()).isEmpty();
        assertThat(group.manualReason()).isNull();
        assertThat(ids(bindings.get(1))).containsExactly("host.fail2ban");
        assertThat(bindings.get(2).isManual()).isTrue();
    }

    @Test
    void aSubItemWhoseWordsMatchNothingTakesItsSubjectFromItsParent() throws Exception {
        List<Binding> bindings = bind("""
                ### Database
                - [ ] If PostgreSQL:
                  - [ ] Create the application's user
                  - [ ] Install fail2ban
                  - [ ] Review the application's user
                """);

        Binding user = bindings.get(1);
        assertThat(bindings.getFirst().group()).isTrue();
        assertThat(user.source()).isEqualTo(Binding.Source.CONTEXT);
        assertThat(ids(user)).containsExactly("db.user-privileges");
        assertThat(ids(bindings.get(2))).as("its own words match, so the parent's subject is not added")
                .containsExactly("host.fail2ban");
        assertThat(bindings.get(3).isManual()).as("judgement stays manual whatever the context").isTrue();
    }

    @Test
    void aSubItemBoundByItsContextTakesParametersFromItsParentToo() throws Exception {
        Binding b = bind("""
                - [ ] Python 3.10+:
                  - [ ] Binary installed
                """).get(1);

        assertThat(b.source()).isEqualTo(Binding.Source.CONTEXT);
        assertThat(ids(b)).containsExactly("host.software-version");
        assertThat(b.checks().getFirst().params().values()).containsEntry("software", "python").containsEntry("minVersion", "3.10");
    }

    @Test
    void aSectionHeadingGivesTheSubjectOfItemsThatNameNone() throws Exception {
        Binding b = only("### Redis\n- [ ] Protected mode on\n");

        assertThat(b.source()).isEqualTo(Binding.Source.CONTEXT);
        assertThat(ids(b)).containsExactly("redis.auth");
    }

    @Test
    void aSectionHeadingAndAnItemDoNotRunTogetherIntoOnePhrase() throws Exception {
        Binding b = only("### Database\n- [ ] Connection handling - Proper session management\n");

        assertThat(b.isManual()).isTrue();
    }

    @Test
    void aPersonsActStaysManualEvenWhenItNamesSomethingACheckKnows() throws Exception {
        List<Binding> bindings = bind("""
                - [ ] Decide: SQLite or PostgreSQL?
                - [ ] Purchase domain name
                - [ ] Domain names - Purchase and configure DNS
                - [ ] Announce maintenance window (if replacing existing system)
                - [ ] Team training - Train support team
                - [ ] Wait for DNS propagation (up to 48 hours)
                """);

        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.isManual()).as(b.item().text()).isTrue();
            assertThat(b.manualReason()).isEqualTo(ManualReason.PERSON.text());
        });
    }

    @Test
    void aManualItemSaysWhyInPlainWords() throws Exception {
        List<Binding> bindings = bind("""
                - [ ] Review performance metrics
                - [ ] Set up uptime monitoring (UptimeRobot, Pingdom)
                - [ ] Test pagination
                - [ ] Configure cleanup intervals
                """);

        assertThat(bindings).extracting(Binding::manualReason).containsExactly(
                "needs a person's judgement or attention over time; attest it when it is done",
                "lives in a service outside the deployment Preflight sees (monitoring, alerting, CDN, cloud); attest it when it is set up",
                "is about the application's own behaviour or code, which no generic check knows; attest it, "
                        + "or bind a check with <!-- preflight: CHECK-ID -->",
                "no check recognizes these words; if one applies, bind it with <!-- preflight: CHECK-ID -->");
    }

    private Binding only(String markdown) throws Exception {
        List<Binding> bindings = bind(markdown);
        assertThat(bindings).hasSize(1);
        return bindings.getFirst();
    }

    private List<Binding> bind(String markdown) throws Exception {
        return new Binder(Catalog.standard(), PreflightConfig.EMPTY).bind(parse(markdown));
    }

    private static Checklist parse(String markdown) throws Exception {
        return new ChecklistParser().parse(FILE, markdown);
    }

    private PreflightConfig config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("preflight.yaml"), yaml);
        return ConfigLoader.load(file);
    }

    private static List<String> ids(Binding b) {
        return b.checks().stream().map(c -> c.entry().id()).toList();
    }
}
