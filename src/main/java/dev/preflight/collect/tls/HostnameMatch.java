package dev.preflight.collect.tls;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate names a host, as browsers decide it (RFC 6125): subject alternative names
 * only, never the common name; a wildcard stands for exactly one whole left-most label; IP addresses
 * match iPAddress entries only.
 */
final class HostnameMatch {
    private static final int DNS = 2;
    private static final int IP = 7;

    private HostnameMatch() {
    }

    static boolean matches(X509Certificate leaf, String host) {
        String wanted = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ip = wanted.contains(":") || wanted.matches("[0-9.]+");
        for (List<?> san : names(leaf)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip && type == IP && sameAddress(value, wanted)) {
                return true;
            }
            if (!ip && type == DNS && dnsMatches(value, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The DNS and IP names the certificate carries, for evidence. */
    static List<String> describe(X509Certificate leaf) {
        List<String> out = new ArrayList<>();
        for (List<?> san : names(leaf)) {
            int type = (Integer) san.get(0);
            if (type == DNS || type == IP) {
                out.add((type == DNS ? "DNS:" : "IP:") + san.get(1));
            }
        }
        return out;
    }

    private static Collection<List<?>> names(X509Certificate leaf) {
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = ascii(pattern);
        String h = ascii(host);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.chars().filter(c -> c == '.').count() >= 2;
    }

    /** Both are address literals (an iPAddress name, a host that looked like one): no lookup happens. */
    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String ascii(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String trimmed = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        try {
            return IDN.toASCII(trimmed);
        } catch (IllegalArgumentException e) {
            return trimmed;
        }
    }
}
