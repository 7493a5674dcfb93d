package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Whether a server insists on TLS, learnt the only sure way: the same login, once more, without it. */
final class Tls {
    private Tls() {
    }

    static DatabaseFacts.Tls askedWithoutTls(DatabaseUrl url, String detail, Map<String, String> settings) {
        try (Connection plain = DatabaseProbe.connect(url, true)) {
            return new DatabaseFacts.Tls(true, detail.strip(), false, "the server also accepted the same login without TLS", settings);
        } catch (SQLException e) {
            return new DatabaseFacts.Tls(true, detail.strip(), true,
                    "the same login without TLS was refused: " + DatabaseProbe.firstLine(e.getMessage(), url), settings);
        }
    }
}
