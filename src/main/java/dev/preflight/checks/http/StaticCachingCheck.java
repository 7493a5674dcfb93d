package dev.preflight.checks.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * A static file answers 2xx with caching headers: a freshness lifetime (Cache-Control max-age or
 * Expires) so browsers reuse it without asking, and a validator (ETag or Last-Modified) so they can
 * revalidate cheaply. The file is the item's {@code path}, or the first script or stylesheet the
 * home page loads from its own host.
 */
@CheckInfo(id = "http.static-files", title = "Static files are served with caching headers", target = TargetKind.URL, severity = Severity.LOW,
        phrases = {"\\bstatic files? (access|serving)", "\\bserve static files", "static assets? (served|caching)"},
        params = {"path"})
public final class StaticCachingCheck implements Check {
    private static final Pattern MAX_AGE = Pattern.compile("\\b(?:s-)?max-age\\s*=\\s*\"?(\\d+)");
    private static final String FIX = "Serve static files with a lifetime and a validator: nginx `location /static/ { expires 30d; }` "
            + "(ETag and Last-Modified are on by default), WhiteNoise for Django, express.static(dir, { maxAge: '30d' }); "
            + "fingerprinted file names can take Cache-Control: public, max-age=31536000, immutable.";

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        Optional<String> named = context.params().text(Param.PATH);
        String target;
        Evidence found = null;
        if (named.isPresent()) {
            target = named.get();
        } else {
            HttpObservation page = Home.page(http);
            if (!page.answered()) {
                return Outcome.error("the home page could not be fetched to find a static file: " + page.failure(), page.evidence());
            }
            List<String> assets = PageAssets.onSameHost(http, page);
            if (assets.isEmpty()) {
                return Outcome.unverified("the home page (" + page.url() + ") loads no script or stylesheet from its own host; name a static file: "
                                          + "<!-- preflight: http.static-files path=/static/app.css -->");
            }
            target = assets.getFirst();
            found = new Evidence.Note("static file found in the home page: " + target);
        }
        HttpObservation asset = http.get(target);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(asset.evidence());
        if (found != null) {
            evidence.add(found);
        }
        if (!asset.answered()) {
            return Outcome.error("the static file could not be fetched: " + asset.failure(), evidence.toArray(Evidence[]::new));
        }
        if (!asset.isSuccess()) {
            return Outcome.fail(target + " answered " + asset.status() + ", not the file", "Serve the static files at the path the pages use.", evidence);
        }
        Optional<String> cacheControl = asset.header("cache-control").map(v -> v.toLowerCase(Locale.ROOT));
        OptionalLong lifetime = lifetime(asset, cacheControl);
        List<String> validators = new ArrayList<>();
        asset.header("etag").ifPresent(v -> validators.add("ETag"));
        asset.header("last-modified").ifPresent(v -> validators.add("Last-Modified"));
        cacheControl.ifPresent(v -> evidence.add(new Evidence.Note("Cache-Control: " + v)));
        asset.header("expires").ifPresent(v -> evidence.add(new Evidence.Note("Expires: " + v)));
        String validated = validators.isEmpty() ? "no validator" : String.join(" and ", validators);
        if (cacheControl.filter(v -> v.contains("no-store")).isPresent()) {
            return Outcome.warn(target + " is sent with Cache-Control no-store: browsers fetch it again on every page", FIX, evidence);
        }
        if (lifetime.isPresent() && lifetime.getAsLong() > 0) {
            evidence.add(new Evidence.Measurement("freshness lifetime", lifetime.getAsLong(), "s"));
            return Outcome.pass(target + " is cacheable for " + human(lifetime.getAsLong()) + ", " + validated, evidence);
        }
        if (!validators.isEmpty()) {
            return Outcome.warn(target + " has " + validated + " but no lifetime (Cache-Control max-age or Expires): every use costs a "
                                + "revalidation round trip", FIX, evidence);
        }
        return Outcome.fail(target + " is sent with no caching headers: no Cache-Control lifetime, Expires, ETag or Last-Modified", FIX, evidence);
    }

    /** Seconds the answer stays fresh: Cache-Control max-age (no-cache counts as 0), else Expires minus Date. */
    static OptionalLong lifetime(HttpObservation o, Optional<String> cacheControl) {
        if (cacheControl.isPresent()) {
            if (cacheControl.get().contains("no-cache")) {
                return OptionalLong.of(0);
            }
            Matcher m = MAX_AGE.matcher(cacheControl.get());
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1).length() > 12 ? "999999999999" : m.group(1)));
            }
        }
        Optional<ZonedDateTime> expires = o.header("expires").flatMap(StaticCachingCheck::date);
        if (expires.isEmpty()) {
            return OptionalLong.empty();
        }
        ZonedDateTime now = o.header("date").flatMap(StaticCachingCheck::date).orElse(ZonedDateTime.now());
        return OptionalLong.of(Math.max(0, expires.get().toEpochSecond() - now.toEpochSecond()));
    }

    private static Optional<ZonedDateTime> date(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String human(long seconds) {
        if (seconds >= 86_400) {
            return seconds / 86_400 + " day(s)";
        }
        return seconds >= 3_600 ? seconds / 3_600 + " hour(s)" : seconds + " s";
    }
}
