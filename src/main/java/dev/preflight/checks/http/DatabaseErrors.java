package dev.preflight.checks.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database error text in a response body: the messages PostgreSQL, MySQL/MariaDB, SQLite, SQL Server
 * and Oracle (and their common drivers) put into an exception, which reach a page when an
 * application shows its errors. One appearing after a quote was put into a parameter means the
 * parameter reached the SQL text. Each pattern is specific to its database's wording, so ordinary
 * pages do not match; a page that matches before any payload was sent is not counted
 * ({@link InjectionCheck} compares with its first answer).
 */
final class DatabaseErrors {

    /** A database's error text found in a body, with the matched words. */
    record Found(String database, String excerpt) {
    }

    private record Database(String name, Pattern pattern) {
    }

    /** A double quote as a page shows it: raw, escaped in JSON, or escaped in HTML. */
    private static final String Q = "(?:\\\\?\"|&quot;|&#34;)";
    /** A single quote, raw or escaped in HTML. */
    private static final String SQ = "(?:'|&#39;|&#x27;)";

    private static final List<Database> DATABASES = List.of(
            new Database("PostgreSQL", Pattern.compile(String.join("|",
                    "syntax error at or near " + Q,
                    "unterminated quoted string at or near",
                    "invalid input syntax for (?:type )?(?:integer|bigint|numeric|uuid|boolean)",
                    "current transaction is aborted, commands ignored",
                    "PG::(?:SyntaxError|Error|InvalidTextRepresentation)",
                    "psycopg2?\\.(?:errors\\.)?\\w*Error",
                    "org\\.postgresql\\.util\\.PSQLException",
                    "\\bpq: syntax error"))),
            new Database("MySQL/MariaDB", Pattern.compile(String.join("|",
                    "You have an error in your SQL syntax",
                    "check the manual that (?:corresponds|fits) to your (?:MySQL|MariaDB) server version",
                    "Unknown column " + SQ + ".{1,64}?" + SQ + " in " + SQ + "(?:where|order|field|having) clause",
                    "Warning: mysqli?_\\w+\\(",
                    "com\\.mysql\\.(?:cj\\.)?jdbc",
                    "MySQLSyntaxErrorException",
                    "(?:pymysql\\.err|MySQLdb\\._exceptions|mysql\\.connector\\.errors)\\.\\w+"))),
            new Database("SQLite", Pattern.compile(String.join("|",
                    "sqlite3\\.(?:OperationalError|ProgrammingError|IntegrityError)",
                    "unrecognized token: " + Q,
                    "near " + Q + ".{0,64}?" + Q + ": syntax error",
                    "\\bSQLITE_ERROR\\b",
                    "SQLite3::SQLException",
                    "(?:org\\.sqlite|System\\.Data\\.SQLite)\\.SQLiteException",
                    "\\d+(?:st|nd|rd|th) ORDER BY term out of range"))),
            new Database("SQL Server", Pattern.compile(String.join("|",
                    "Unclosed quotation mark after the character string",
                    "Incorrect syntax near " + SQ,
                    "Microsoft OLE DB Provider for (?:SQL Server|ODBC Drivers)",
                    "\\[Microsoft\\]\\[ODBC (?:SQL Server )?Driver",
                    "(?:System|Microsoft)\\.Data\\.SqlClient\\.SqlException",
                    "com\\.microsoft\\.sqlserver\\.jdbc\\.SQLServerException",
                    "Conversion failed when converting the n?varchar value"))),
            new Database("Oracle", Pattern.compile(String.join("|",
                    "\\bORA-\\d{5}\\b",
                    "\\bPLS-\\d{5}\\b",
                    "quoted string not properly terminated",
                    "SQL command not properly ended",
                    "oracle\\.jdbc\\.\\w+",
                    "cx_Oracle\\.\\w*Error"))));

    private DatabaseErrors() {
    }

    /** The first database whose error text the body holds. */
    static Optional<Found> in(String body) {
        for (Database db : DATABASES) {
            Matcher m = db.pattern().matcher(body);
            if (m.find()) {
                int from = Math.max(0, m.start() - 20);
                int to = Math.min(body.length(), m.end() + 40);
                return Optional.of(new Found(db.name(), Answers.abbreviate(body.substring(from, to), 100)));
            }
        }
        return Optional.empty();
    }
}
