package dev.preflight.checklist;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * Derives an item id from its innermost heading and its words, so that editing other items, adding
 * sections elsewhere or moving the item within its section keeps the id: attestations and waivers
 * are keyed by it.
 */
public final class ItemIds {
    private static final int MAX_TEXT_SLUG = 48;
    /** The charsets UTF-8 text is most often mis-decoded with ("✅" saved as "‚úÖ" or "âœ…"). */
    private static final List<Charset> MOJIBAKE_SOURCES = List.of(Charset.forName("x-MacRoman"), Charset.forName("windows-1252"));

    private ItemIds() {
    }

    public static String derive(List<String> section, String text) {
        String textSlug = truncate(slug(text), MAX_TEXT_SLUG);
        if (textSlug.isEmpty()) {
            textSlug = "item";
        }
        String sectionSlug = section.isEmpty() ? "" : truncate(slug(section.getLast()), 32);
        return sectionSlug.isEmpty() ? textSlug : sectionSlug + "/" + textSlug;
    }

    /**
     * Lower-case ASCII words joined by '-'; accents are folded, other characters (emoji) dropped.
     * Mojibake is undone first, so that fixing a heading's encoding later keeps its items' ids.
     */
    public static String slug(String s) {
        boolean ascii = s.chars().allMatch(c -> c < 0x80);
        String folded = ascii ? s : Normalizer.normalize(unmangle(s), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(folded.length());
        boolean dash = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = Character.toLowerCase(folded.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (dash && !out.isEmpty()) {
                    out.append('-');
                }
                out.append(c);
                dash = false;
            } else if (!isMark(c)) {
                dash = true;
            }
        }
        return out.toString();
    }

    /** Accents left over from decomposition: dropped, so that "café" and "cafe" give one slug. */
    private static boolean isMark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** The UTF-8 text that {@code s} was mis-decoded from, or {@code s} when it reads as written. */
    static String unmangle(String s) {
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s;
        }
        for (Charset charset : MOJIBAKE_SOURCES) {
            CharsetEncoder encoder = charset.newEncoder();
            if (!encoder.canEncode(s)) {
                continue;
            }
            try {
                ByteBuffer bytes = encoder.encode(CharBuffer.wrap(s));
                return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
            } catch (CharacterCodingException notUtf8) {
                // Genuine accented text (café) is not valid UTF-8 once encoded back.
            }
        }
        return s;
    }

    private static String truncate(String slug, int max) {
        if (slug.length() <= max) {
            return slug;
        }
        int cut = slug.lastIndexOf('-', max);
        return slug.substring(0, cut > 0 ? cut : max);
    }
}
