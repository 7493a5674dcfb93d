package dev.preflight.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RequestLog;

/** Resolves "localhost" from the hosts file and the {@link TestNames}; sends no request to the URLs, which nothing serves. */
class DnsRecordsCheckTest {

    private static Outcome check(String itemText, String... urls) {
        List<URI> given = java.util.Arrays.stream(urls).map(URI::create).toList();
        HttpProbe probe = HttpProbe.forRun(given, Duration.ofSeconds(2), null, Map.of(), Duration.ofSeconds(2), null, what -> { });
        return check(itemText, probe);
    }

    private static Outcome check(String itemText, HttpProbe probe) {
        return new DnsRecordsCheck().run(new CheckContext(Params.NONE, itemText, null, probe, false, null));
    }

    @Test
    void passesOnTheARecordOfLocalhost() {
        Outcome outcome = check("Configure DNS A record → server IP", "http://localhost:8080/");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("localhost → ").contains("127.0.0.1");
        assertThat(outcome.evidence()).extracting(Evidence::describe).singleElement().asString().startsWith("localhost: A 127.0.0.1");
    }

    @Test
    void passesOnAnAaaaRecord() {
        Outcome outcome = check("Configure DNS AAAA record (IPv6)", "https://" + TestNames.BOTH + "/");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo(TestNames.BOTH + " → 127.0.0.1, 0:0:0:0:0:0:0:1");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(TestNames.BOTH + ": A 127.0.0.1; AAAA 0:0:0:0:0:0:0:1");
    }

    @Test
    void failsWhenTheItemAsksForAaaaAndTheHostHasOnlyA() {
        Outcome outcome = check("Configure DNS AAAA record (IPv6)", "https://" + TestNames.IPV4_ONLY + "/");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(TestNames.IPV4_ONLY + " has no AAAA record (A 127.0.0.1)");
        assertThat(outcome.remediation()).contains("dig +short AAAA");
    }

    @Test
    void failsWhenTheItemAsksForAAndTheHostHasOnlyAaaa() {
        Outcome outcome = check("Configure DNS A record → server IP", "https://" + TestNames.IPV6_ONLY + "/");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(TestNames.IPV6_ONLY + " has no A record (AAAA 0:0:0:0:0:0:0:1)");
    }

    @Test
    void failsWhenTheHostDoesNotResolve() {
        Outcome outcome = check("Test domain resolution: nslookup yourdomain.com", "https://" + TestNames.NO_SUCH_NAME + "/");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(TestNames.NO_SUCH_NAME + " does not resolve");
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly(TestNames.NO_SUCH_NAME + ": " + TestNames.NO_SUCH_NAME + ": Name or service not known");
    }

    @Test
    void anyAddressSettlesAnItemThatNamesNoRecordType() {
        assertThat(check("Test domain resolution: nslookup yourdomain.com", "https://" + TestNames.IPV6_ONLY + "/").status())
                .isEqualTo(Status.PASS);
        assertThat(check("Keep a record of the DNS records for the domain", "https://" + TestNames.IPV6_ONLY + "/").status())
                .as("'a record' in running text is not the A record type").isEqualTo(Status.PASS);
    }

    @Test
    void checksEveryHostGiven() {
        Outcome outcome = check("Configure DNS AAAA record (IPv6)", "https://" + TestNames.BOTH + "/", "http://" + TestNames.IPV4_ONLY + ":8080/");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(TestNames.IPV4_ONLY + " has no AAAA record (A 127.0.0.1)");
        assertThat(outcome.evidence()).hasSize(2);
    }

    @Test
    void isAnErrorWhenTheResolverDoesNotAnswer() {
        Outcome outcome = check("Configure DNS A record → server IP", "https://" + TestNames.RESOLVER_DOWN + "/");

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("the resolver did not answer for " + TestNames.RESOLVER_DOWN + ": "
                                                + TestNames.RESOLVER_DOWN + ": Temporary failure in name resolution");
    }

    @Test
    void isNotApplicableToAnIpAddress() {
        for (String url : List.of("http://127.0.0.1:8080/", "http://[::1]:8080/")) {
            Outcome outcome = check("Configure DNS A record → server IP", url);

            assertThat(outcome.status()).isEqualTo(Status.SKIP);
            assertThat(outcome.isUnverified()).isFalse();
            assertThat(outcome.summary()).isEqualTo("the URL names an IP address, not a host name: there are no DNS records to look up");
        }
    }

    @Test
    void resolvesNothingUnderPlan() {
        HttpProbe planning = HttpProbe.forRun(List.of(URI.create("https://" + TestNames.BOTH + "/")), Duration.ofSeconds(2), null,
                Map.of(), Duration.ofSeconds(2), new RequestLog(), what -> { });

        Outcome outcome = check("Configure DNS A record → server IP", planning);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("not resolved (--plan)");
    }
}
