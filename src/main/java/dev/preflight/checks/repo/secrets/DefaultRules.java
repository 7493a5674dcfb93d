package dev.preflight.checks.repo.secrets;

import java.util.List;

import com.google.re2j.Pattern;

/**
 * The built-in rules: the common credential formats, each prefiltered by literal keywords, plus a
 * generic assignment rule gated by entropy. Every regex is RE2 syntax (as gitleaks' are), so a
 * project's {@code .gitleaks.toml} rules and these run on the same engine.
 */
public final class DefaultRules {
    /** The end of a token: the next character cannot continue it. Used instead of \b, which fails after '-'. */
    private static final String END = "(?:[^A-Za-z0-9_-]|$)";
    private static final String START = "(?:^|[^A-Za-z0-9_-])";
    /** Names of variables and keys that hold a secret. */
    private static final String NAME = "[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|pwd|token|key|credential)s?[A-Za-z0-9_.-]*";
    private static final String[] NAME_KEYWORDS = {"secret", "passwd", "password", "pwd", "token", "key", "credential"};
    /** AWS documents its example keys with EXAMPLE in them (AKIAIOSFODNN7EXAMPLE); copies of docs are not leaks. */
    private static final Allowlist DOC_EXAMPLES = new Allowlist("documented example values", Allowlist.Condition.OR, List.of(),
            List.of(Pattern.compile("EXAMPLE")), "secret", List.of(), List.of());

    private static final List<Rule> RULES = List.of(
            Rule.of("aws-access-key-id", "AWS access key id",
                    START + "((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})" + END,
                    "akia", "asia", "abia", "acca", "a3t").withAllowlist(DOC_EXAMPLES)
                    .when(line -> LineShapes.containsAny(line, "AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
            Rule.of("aws-secret-access-key", "AWS secret access key",
                    "(?i)aws_?(?:secret_?access_?key|secret_?key|secret)[\"']?\\s*(?::=|=>|=|:)\\s*[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
                    "aws").withAllowlist(DOC_EXAMPLES),
            Rule.of("gcp-service-account-key", "Google Cloud service-account key id (the JSON key file)",
                    "\"private_key_id\"\\s*:\\s*\"([a-f0-9]{40})\"", "private_key_id"),
            Rule.of("gcp-api-key", "Google Cloud API key", START + "(AIza[0-9A-Za-z_-]{35})" + END, "aiza")
                    .when(line -> line.contains("AIza")),
            Rule.of("azure-storage-key", "Azure storage account key",
                    "(?i)AccountKey\\s*=\\s*([A-Za-z0-9+/]{86}==)", "accountkey"),
            Rule.of("github-pat", "GitHub personal access token", START + "(ghp_[A-Za-z0-9]{36})" + END, "ghp_"),
            Rule.of("github-oauth", "GitHub OAuth access token", START + "(gho_[A-Za-z0-9]{36})" + END, "gho_"),
            Rule.of("github-app-token", "GitHub App token", START + "((?:ghu|ghs)_[A-Za-z0-9]{36})" + END, "ghu_", "ghs_"),
            Rule.of("github-fine-grained-pat", "GitHub fine-grained personal access token",
                    START + "(github_pat_[A-Za-z0-9_]{82})" + END, "github_pat_"),
            Rule.of("gitlab-pat", "GitLab personal access token", START + "(glpat-[A-Za-z0-9_-]{20,})" + END, "glpat-"),
            Rule.of("slack-token", "Slack token", START + "(xox[baprse]-[0-9A-Za-z-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{20,})" + END,
                    "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xapp-"),
            Rule.of("slack-webhook", "Slack incoming webhook URL",
                    "https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/_-]{30,})", "hooks.slack.com"),
            Rule.of("discord-webhook", "Discord webhook URL",
                    "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{10,}/([A-Za-z0-9_-]{60,})",
                    "discord"),
            Rule.of("teams-webhook", "Microsoft Teams incoming webhook URL",
                    "https://[A-Za-z0-9.-]*(?:webhook|outlook)\\.office\\.com/webhook(?:b2)?/([A-Za-z0-9@/_-]{60,})",
                    "webhook.office.com", "outlook.office.com/webhook"),
            Rule.of("stripe-key", "Stripe secret or restricted key",
                    START + "((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,99})" + END,
                    "sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"),
            Rule.of("twilio-api-key", "Twilio API key", START + "(SK[0-9a-fA-F]{32})" + END, "sk").when(line -> LineShapes.hasHexAfter(line, "SK")),
            Rule.of("sendgrid-api-key", "SendGrid API key",
                    START + "(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})" + END, "sg.")
                    .when(line -> line.contains("SG.")),
            Rule.of("npm-token", "npm access token", START + "(npm_[A-Za-z0-9]{36})" + END, "npm_"),
            Rule.of("pypi-token", "PyPI upload token", "(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", "pypi-ageichlwas5vcmc"),
            Rule.of("private-key", "private key block",
                    "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([A-Za-z0-9+/=\\s\\\\:,.-]{64,}?)-----END[ A-Z0-9_-]{0,100}PRIVATE KEY",
                    "-----begin").spanningLines(),
            Rule.of("jwt", "JSON Web Token",
                    START + "(eyJ[A-Za-z0-9_-]{15,}\\.eyJ[A-Za-z0-9_-]{15,}\\.[A-Za-z0-9_-]{10,})" + END, "eyj")
                    .when(line -> line.contains("eyJ")),
            Rule.of("database-url-password", "database URL with a password",
                    "(?i)(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver)://[^\\s:@/\"'`]*:([^\\s@/\"'`]+)@[^\\s\"'`]+",
                    "postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver")
                    .when(line -> line.contains("://") && line.indexOf('@') >= 0),
            new Rule("env-file-secret", "value of a secret-named variable in an env file",
                    Pattern.compile("(?i)^\\s*(?:export\\s+)?" + NAME.replace(")s?", "|dsn|database_url|auth)s?")
                            + "\\s*=\\s*[\"']?([^\"'\\s#]+)"),
                    0, 0, List.of(), Pattern.compile("(^|/)(\\.env(\\.[^/]+)?|[^/]+\\.env)$"),
                    List.of(new Allowlist("env templates", Allowlist.Condition.OR,
                            List.of(Pattern.compile("\\.(example|sample|template|dist|defaults?)$")), List.of(), "secret", List.of(),
                            List.of())), false, null),
            Rule.of("generic-secret", "secret-named variable assigned a random-looking quoted literal",
                    "(?i)" + NAME.substring(NAME.indexOf("(?:")) + "[\"']?\\s*(?::=|=>|==|=|:)\\s*[a-z]?[\"'`]([^\"'`\\s]{12,200})[\"'`]", NAME_KEYWORDS)
                    .withEntropy(3.5).when(line -> LineShapes.hasQuotedToken(line, 12)),
            Rule.of("generic-secret-unquoted", "secret-named setting assigned a random-looking value (.properties, YAML, INI)",
                    "(?i)^\\s*(?:export\\s+)?" + NAME + "\\s*[=:]\\s*([^\\s\"'`#;,(){}\\[\\]<>]{12,200})\\s*$", NAME_KEYWORDS)
                    .withEntropy(3.5).when(line -> LineShapes.endsWithToken(line, 12)));

    private DefaultRules() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    /** Rules whose findings need more than the regex: entropy alone lets identifiers through. */
    static boolean isGeneric(String id) {
        return id.startsWith("generic-");
    }
}
