package dev.preflight.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    @Test
    void findsEveryKeywordPresentIncludingOverlapsAndSuffixes() {
        AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers", "secret"));

        assertThat(ac.find("ushers")).isEqualTo(bits(0, 1, 3));
        assertThat(ac.find("this secret")).isEqualTo(bits(2, 4));
        assertThat(ac.find("nothing here")).isEqualTo(bits(0));
        assertThat(ac.find("").isEmpty()).isTrue();
    }

    @Test
    void overUtf8BytesFindsKeywordsAtByteOffsetsFoldingAsciiCase() {
        AhoCorasick ac = AhoCorasick.overUtf8(List.of("token", "clé", "sk"));
        byte[] text = "é TOKEN=1 clé=2 Task".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> hits = new java.util.ArrayList<>();
        ac.scan(text, 0, text.length, (keyword, end) -> hits.add(keyword + "@" + end));

        // "é" is two bytes, so TOKEN ends at byte 8, not character 7; "clé" is matched in its own case.
        assertThat(hits).containsExactly("0@8", "1@15", "2@22");
    }

    @Test
    void overUtf8AgreesWithTheCharAutomatonOnRandomAsciiTexts() {
        List<String> keywords = List.of("ab", "abc", "bca", "cab", "aaa", "c");
        AhoCorasick chars = new AhoCorasick(keywords);
        AhoCorasick bytes = AhoCorasick.overUtf8(keywords);
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append("abcABC".charAt(random.nextInt(6)));
            }
            List<String> expected = new java.util.ArrayList<>();
            chars.scan(text.toString().toLowerCase(java.util.Locale.ROOT), (k, end) -> expected.add(k + "@" + end));
            List<String> actual = new java.util.ArrayList<>();
            byte[] b = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            bytes.scan(b, 0, b.length, (k, end) -> actual.add(k + "@" + end));
            assertThat(actual).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithStringContainsOnRandomTexts() {
        List<String> keywords = List.of("ab", "abc", "bca", "cab", "aaa", "c");
        AhoCorasick ac = new AhoCorasick(keywords);
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append("abc".charAt(random.nextInt(3)));
            }
            BitSet expected = new BitSet();
            for (int k = 0; k < keywords.size(); k++) {
                if (text.toString().contains(keywords.get(k))) {
                    expected.set(k);
                }
            }
            assertThat(ac.find(text)).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithStringContainsWhenAsciiAndOtherCharactersMix() {
        List<String> keywords = List.of("aé", "éa", "a", "ééb", "bé");
        AhoCorasick ac = new AhoCorasick(keywords);
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append("abé".charAt(random.nextInt(3)));
            }
            BitSet expected = new BitSet();
            for (int k = 0; k < keywords.size(); k++) {
                if (text.toString().contains(keywords.get(k))) {
                    expected.set(k);
                }
            }
            assertThat(ac.find(text)).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void refusesAnEmptyKeyword() {
        assertThatThrownBy(() -> new AhoCorasick(List.of("ok", ""))).hasMessage("keyword 1 is empty");
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
