package dev.preflight.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.text.Mask;

/**
 * Masks the credentials a run was given ({@code --header} values) wherever a check's outcome
 * would repeat them: a server that echoes request headers into an error page or a metrics line
 * must not get a token into a report. Each value keeps at most its first 4 characters.
 */
final class Redactor {
    /** Shorter values ("on", "1") would mask ordinary words; credentials are longer. */
    private static final int MIN_SECRET = 6;

    private final List<String> secrets;

    /** @param credentials passwords the run was given (database URLs', the restore drill's): masked wherever a check repeats one */
    Redactor(Map<String, String> headers, List<String> credentials) {
        List<String> found = new ArrayList<>(credentials);
        for (String value : headers.values()) {
            found.add(value);
            int space = value.indexOf(' ');
            if (space > 0) {
                found.add(value.substring(space + 1).strip());
            }
        }
        secrets = found.stream().filter(s -> s.length() >= MIN_SECRET).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static String mask(String secret) {
        return Mask.secret(secret) + "(redacted)";
    }

    Outcome redact(Outcome o) {
        if (secrets.isEmpty()) {
            return o;
        }
        return new Outcome(o.status(), text(o.summary()), o.evidence().stream().map(this::evidence).toList(),
                text(o.remediation()), o.skip());
    }

    private Evidence evidence(Evidence e) {
        return switch (e) {
            case Evidence.FileLine f -> new Evidence.FileLine(f.path(), f.line(), text(f.excerpt()));
            case Evidence.Http h -> new Evidence.Http(text(h.request()), text(h.response()), h.durationMs());
            case Evidence.Measurement m -> m;
            case Evidence.LatencyProfile l -> new Evidence.LatencyProfile(text(l.target()), l.percentiles(), l.timeline());
            case Evidence.Note n -> new Evidence.Note(text(n.text()));
        };
    }

    private String text(String s) {
        if (s == null) {
            return null;
        }
        String out = s;
        for (String secret : secrets) {
            out = out.replace(secret, mask(secret));
        }
        return out;
    }
}
