package dev.preflight.collect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.text.Mask;

/**
 * A command line quoted as evidence (a cron entry, an ExecStart, a CI step) with the credentials
 * it may carry masked: {@code PGPASSWORD=...}, {@code --password ...}, {@code mysqldump -p...} and
 * the password of a URL.
 */
public final class CommandLine {
    private CommandLine() {
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)\\b([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PASS)[A-Z0-9_]*\\s*=\\s*)([\"']?)([^\\s\"']+)");
    private static final Pattern OPTION = Pattern.compile("(?i)(--?(?:password|passwd|token|secret|api-key|apikey)[=\\s]+)([\"']?)([^\\s\"']+)");
    private static final Pattern MYSQL_PASSWORD = Pattern.compile("(\\s-p)([^\\s\"']+)");
    private static final Pattern MYSQL = Pattern.compile("\\b(mysql|mysqldump|mariadb|mariadb-dump)\\b");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)([^@\\s]+)(@)");

    public static String masked(String line) {
        String out = mask(ASSIGNMENT, line, 3);
        out = mask(OPTION, out, 3);
        if (MYSQL.matcher(out).find()) {
            out = mask(MYSQL_PASSWORD, out, 2);
        }
        return mask(URL_PASSWORD, out, 2);
    }

    private static String mask(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = m.group(group);
            String replacement = secret.startsWith("$") ? m.group() : m.group().replace(secret, Mask.secret(secret));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
