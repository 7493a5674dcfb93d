package dev.preflight.checklist;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Derives an item id from its innermost heading and its words, so that editing other items, adding
 * sections elsewhere or moving the item within its section keeps the id: attestations and waivers
 * are keyed by it.
 */
public final class ItemIds {
    private static final int MAX_TEXT_SLUG = 48;

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

    /** Lower-case ASCII words joined by '-'; accents are folded, other characters (emoji, mojibake) dropped. */
    public static String slug(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String truncate(String slug, int max) {
        if (slug.length() <= max) {
            return slug;
        }
        int cut = slug.lastIndexOf('-', max);
        return slug.substring(0, cut > 0 ? cut : max);
    }
}
