package dev.preflight.checks.repo.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One made-up secret per built-in rule, as a file path and its content. Built at run time from a
 * seeded random source, so that no secret-shaped literal is committed to this repository (its own
 * secret scan, and push protection, would rightly flag it).
 */
public final class Planted {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64 = ALNUM + "+/";
    private static final String URLSAFE = ALNUM + "_-";
    private static final String HEX = "0123456789abcdef";

    private Planted() {
    }

    /** Rule id to {path, content}; each file holds exactly one secret, of that rule. */
    public static Map<String, String[]> files() {
        Random r = new Random(20240501);
        Map<String, String[]> out = new LinkedHashMap<>();
        out.put("aws-access-key-id", file("deploy/aws.py", "client = boto3.client('s3', aws_access_key_id=\"" + "AKIA" + pick(r, UPPER, 16) + "\")\n"));
        out.put("aws-secret-access-key", file("deploy/aws.sh", "export AWS_SECRET_ACCESS_KEY=" + pick(r, B64, 40) + "\n"));
        out.put("gcp-service-account-key", file("gcp/sa.json", "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \""
                + pick(r, HEX, 40) + "\"\n}\n"));
        out.put("gcp-api-key", file("web/maps.js", "const mapsKey = loadKey() || '" + "AIza" + pick(r, URLSAFE, 35) + "';\n"));
        out.put("azure-storage-key", file("conf/azure.txt", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey="
                + pick(r, B64, 86) + "==;EndpointSuffix=core.windows.net\n"));
        out.put("github-pat", file("ci/gh.yml", "env:\n  GH_AUTH: " + "ghp_" + pick(r, ALNUM, 36) + "\n"));
        out.put("github-oauth", file("ci/oauth.txt", "gho_" + pick(r, ALNUM, 36) + "\n"));
        out.put("github-app-token", file("ci/app.txt", "installation: " + "ghs_" + pick(r, ALNUM, 36) + "\n"));
        out.put("github-fine-grained-pat", file("ci/fine.txt", "github_pat_" + pick(r, ALNUM, 82) + "\n"));
        out.put("gitlab-pat", file("ci/gitlab.txt", "glpat-" + pick(r, URLSAFE, 20) + "\n"));
        out.put("slack-token", file("chat/bot.rb", "BOT = \"" + "xoxb-" + pick(r, "0123456789", 12) + "-" + pick(r, ALNUM, 24) + "\"\n"));
        out.put("slack-webhook", file("chat/notify.sh", "curl -X POST https://hooks.slack.com/services/T" + pick(r, UPPER, 8) + "/B"
                + pick(r, UPPER, 10) + "/" + pick(r, ALNUM, 24) + "\n"));
        out.put("discord-webhook", file("chat/discord.txt", "https://discord.com/api/webhooks/" + pick(r, "0123456789", 18) + "/"
                + pick(r, URLSAFE, 68) + "\n"));
        out.put("teams-webhook", file("chat/teams.txt", "https://acme.webhook.office.com/webhookb2/" + uuid(r) + "@" + uuid(r)
                + "/IncomingWebhook/" + pick(r, HEX, 32) + "/" + uuid(r) + "\n"));
        out.put("stripe-key", file("pay/stripe.go", "stripe.Key = \"" + "sk_live_" + pick(r, ALNUM, 24) + "\"\n"));
        out.put("twilio-api-key", file("sms/twilio.txt", "SK" + pick(r, HEX, 32) + "\n"));
        out.put("sendgrid-api-key", file("mail/sendgrid.txt", "SG." + pick(r, URLSAFE, 22) + "." + pick(r, URLSAFE, 43) + "\n"));
        out.put("npm-token", file(".npmrc", "//registry.npmjs.org/:_authToken=" + "npm_" + pick(r, ALNUM, 36) + "\n"));
        out.put("pypi-token", file(".pypirc", "[pypi]\nusername = __token__\npassword = " + "pypi-AgEIcHlwaS5vcmc" + pick(r, URLSAFE, 60) + "\n"));
        StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        for (int i = 0; i < 8; i++) {
            pem.append(pick(r, B64, 64)).append('\n');
        }
        out.put("private-key", file("certs/server.key", pem + "-----END RSA PRIVATE KEY-----\n"));
        out.put("jwt", file("tests/session.txt", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJ" + pick(r, URLSAFE, 40) + "." + pick(r, URLSAFE, 43) + "\n"));
        out.put("database-url-password", file("docker-compose.yml", "services:\n  api:\n    environment:\n      DATABASE_URL: postgres://app:"
                + pick(r, ALNUM, 14) + "@db:5432/app\n"));
        out.put("env-file-secret", file("api/.env", "DEBUG=false\nDB_PASSWORD=hunter2hunter2\n"));
        out.put("generic-secret", file("app/settings.py", "API_KEY = \"" + pick(r, ALNUM, 32) + "\"\n"));
        out.put("generic-secret-unquoted", file("src/main/resources/application.properties", "spring.security.oauth2.client-secret="
                + pick(r, ALNUM, 30) + "\n"));
        return out;
    }

    private static String[] file(String path, String content) {
        return new String[] {path, content};
    }

    private static String uuid(Random r) {
        return pick(r, HEX, 8) + "-" + pick(r, HEX, 4) + "-" + pick(r, HEX, 4) + "-" + pick(r, HEX, 4) + "-" + pick(r, HEX, 12);
    }

    public static String pick(Random r, String alphabet, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
