package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void entropyIsShannonBitsPerCharacter() {
        assertThat(Values.entropy("")).isZero();
        assertThat(Values.entropy("aaaaaaaa")).isZero();
        assertThat(Values.entropy("abababab")).isCloseTo(1.0, within(1e-9));
        assertThat(Values.entropy("abcd")).isCloseTo(2.0, within(1e-9));
        assertThat(Values.entropy("0123456789abcdef")).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void entropyGatePassesRandomTokensAndStopsWordsAndRepetition() {
        String token = Planted.pick(new Random(7), Planted.ALNUM, 32);

        assertThat(Values.entropy(token)).isGreaterThan(3.5);
        assertThat(Values.entropy("passwordpassword")).isLessThan(3.5);
        assertThat(Values.entropy("a1a1a1a1a1a1a1a1")).isLessThan(3.5);
    }

    @Test
    void placeholdersAreWordsPeopleReplaceAndReferencesToTheEnvironment() {
        assertThat(Values.isPlaceholder("changeme")).isTrue();
        assertThat(Values.isPlaceholder("CHANGE_ME")).isTrue();
        assertThat(Values.isPlaceholder("your-secret-key-here")).isTrue();
        assertThat(Values.isPlaceholder("<your-api-key>")).isTrue();
        assertThat(Values.isPlaceholder("xxxxxxxxxxxx")).isTrue();
        assertThat(Values.isPlaceholder("************")).isTrue();
        assertThat(Values.isPlaceholder("${DB_PASSWORD}")).isTrue();
        assertThat(Values.isPlaceholder("${DB_PASSWORD:-}")).isTrue();
        assertThat(Values.isPlaceholder("$DB_PASSWORD")).isTrue();
        assertThat(Values.isPlaceholder("{{ .Values.db.password }}")).isTrue();
        assertThat(Values.isPlaceholder("%(db_password)s")).isTrue();
        assertThat(Values.isPlaceholder("%s")).isTrue();
    }

    @Test
    void realValuesAreNotPlaceholders() {
        assertThat(Values.isPlaceholder("hunter2hunter2")).isFalse();
        assertThat(Values.isPlaceholder("q9w8e7r6t5y4")).isFalse();
        assertThat(Values.isPlaceholder(Planted.pick(new Random(11), Planted.ALNUM, 40))).isFalse();
        assertThat(Values.isPlaceholder("prefix-${VAR}")).as("a literal around a reference is still a literal").isFalse();
        assertThat(Values.isPlaceholder("<a>b")).isFalse();
    }

    @Test
    void namesUrlsAndCodeAreNotTokens() {
        assertThat(Values.isNameOrCode("SunTls12KeyMaterial")).isTrue();
        assertThat(Values.isNameOrCode("sun.security.pkcs11.P11KeyGenerator")).isTrue();
        assertThat(Values.isNameOrCode("HMAC-SHA256")).isTrue();
        assertThat(Values.isNameOrCode("https://vault.example.com/v1/kv")).isTrue();
        assertThat(Values.isNameOrCode("./config/keys")).isTrue();
        assertThat(Values.isNameOrCode("+Long.toHexString(keysym)+")).isTrue();
        assertThat(Values.isNameOrCode("q9w8e7r6t5y4")).isFalse();
        assertThat(Values.isNameOrCode(Planted.pick(new Random(3), Planted.ALNUM, 24))).isFalse();
    }

    @Test
    void aTokenMixesLettersAndDigits() {
        assertThat(Values.mixesLettersAndDigits("q9w8e7r6t5y4")).isTrue();
        assertThat(Values.mixesLettersAndDigits("onlyletters")).isFalse();
        assertThat(Values.mixesLettersAndDigits("1234567890")).isFalse();
    }
}
