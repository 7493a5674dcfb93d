package dev.preflight.collect.osv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python version as PEP 440 orders it: epoch, release (trailing zeros ignored), then
 * {@code 1.0.dev1 < 1.0a1.dev1 < 1.0a1 < 1.0rc1 < 1.0 < 1.0.post1.dev1 < 1.0.post1 < 1.0+local}.
 * Spelling variants normalise as pip's {@code packaging} does ("1.0-ALPHA.1" is 1.0a1, "1.0-1" is
 * 1.0.post1).
 */
record Pep440(int epoch, List<BigInteger> release, int preKind, BigInteger pre, BigInteger post, BigInteger dev,
              List<Object> local) implements Comparable<Pep440> {

    private static final Pattern FORM = Pattern.compile(
            "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\\d*))?"
                    + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d*))?"
                    + "(?:[-_.]?(dev)[-_.]?(\\d*))?"
                    + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    /** No pre-release: sorts after every pre-release of the same release, or before them for a bare dev release. */
    private static final int FINAL = 3;
    private static final int DEV_ONLY = -1;

    static Pep440 parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEP 440 version: " + text);
        }
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) {
            release.add(new BigInteger(part));
        }
        while (release.size() > 1 && release.getLast().signum() == 0) {
            release.removeLast();
        }
        int preKind = FINAL;
        BigInteger pre = BigInteger.ZERO;
        if (m.group(3) != null) {
            preKind = switch (m.group(3)) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
            pre = number(m.group(4));
        }
        BigInteger post = m.group(5) != null ? new BigInteger(m.group(5)) : m.group(6) != null ? number(m.group(7)) : null;
        BigInteger dev = m.group(8) != null ? number(m.group(9)) : null;
        if (preKind == FINAL && post == null && dev != null) {
            preKind = DEV_ONLY;
        }
        List<Object> local = new ArrayList<>();
        if (m.group(10) != null) {
            for (String part : m.group(10).split("[-_.]")) {
                local.add(part.chars().allMatch(Character::isDigit) ? new BigInteger(part) : part);
            }
        }
        int epoch = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return new Pep440(epoch, List.copyOf(release), preKind, pre, post, dev, List.copyOf(local));
    }

    private static BigInteger number(String digits) {
        return digits == null || digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
    }

    @Override
    public int compareTo(Pep440 o) {
        int c = Integer.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < Math.max(release.size(), o.release.size()); i++) {
            c = at(release, i).compareTo(at(o.release, i));
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(preKind, o.preKind);
        if (c == 0) {
            c = pre.compareTo(o.pre);
        }
        if (c == 0) {
            c = absentFirst(post, o.post);
        }
        if (c == 0) {
            c = -absentFirst(dev == null ? null : dev.negate(), o.dev == null ? null : o.dev.negate());
        }
        return c != 0 ? c : compareLocal(local, o.local);
    }

    private static BigInteger at(List<BigInteger> release, int i) {
        return i < release.size() ? release.get(i) : BigInteger.ZERO;
    }

    /** A missing value sorts before any present one. */
    private static int absentFirst(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Numeric segments sort after alphanumeric ones; a longer local label that extends a shorter one sorts after it. */
    private static int compareLocal(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof BigInteger bx && y instanceof BigInteger by) {
                c = bx.compareTo(by);
            } else if (x instanceof String sx && y instanceof String sy) {
                c = sx.compareTo(sy);
            } else {
                c = x instanceof BigInteger ? 1 : -1;
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
