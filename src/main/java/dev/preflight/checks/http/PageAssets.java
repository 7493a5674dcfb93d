package dev.preflight.checks.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * The static assets a page loads from its own host: the src of its {@code <script>} elements and the
 * href of its stylesheet {@code <link>}s, in document order, resolved against the page's URL. Assets
 * of other hosts (a CDN) are left out: Preflight talks only to the hosts it was given.
 */
final class PageAssets {
    private static final Pattern TAG = Pattern.compile("<(script|link)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SRC = Pattern.compile("\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLESHEET = Pattern.compile("\\brel\\s*=\\s*[\"']?[^\"'>]*\\bstylesheet\\b", Pattern.CASE_INSENSITIVE);

    private PageAssets() {
    }

    /** Absolute URLs of the page's assets on the base URL's host. */
    static List<String> onSameHost(HttpProbe http, HttpObservation page) {
        List<String> out = new ArrayList<>();
        if (!page.answered() || !Home.isHtml(page)) {
            return out;
        }
        Matcher tag = TAG.matcher(page.body());
        while (tag.find()) {
            String attributes = tag.group(2);
            boolean script = tag.group(1).equalsIgnoreCase("script");
            if (!script && !STYLESHEET.matcher(attributes).find()) {
                continue;
            }
            Matcher link = (script ? SRC : HREF).matcher(attributes);
            if (!link.find()) {
                continue;
            }
            String target = link.group(1) != null ? link.group(1) : link.group(2) != null ? link.group(2) : link.group(3);
            resolve(http, page, target.strip()).filter(u -> !out.contains(u)).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> resolve(HttpProbe http, HttpObservation page, String target) {
        try {
            URI asset = URI.create(page.url()).resolve(target.replace("&amp;", "&"));
            boolean sameHost = asset.getHost() != null && asset.getHost().toLowerCase(Locale.ROOT).equals(http.base().getHost().toLowerCase(Locale.ROOT))
                               && asset.getScheme().matches("(?i)https?");
            return sameHost ? Optional.of(asset.toString()) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
