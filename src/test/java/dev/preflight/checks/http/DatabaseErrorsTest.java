package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each database's own words, as its server and its drivers put them into an error page, and ordinary pages that must not match. */
class DatabaseErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "PostgreSQL    | ERROR:  unterminated quoted string at or near \"'\" LINE 1: SELECT * FROM items WHERE name = '''",
            "PostgreSQL    | psycopg2.errors.SyntaxError: syntax error at or near \"ORDER\"",
            "PostgreSQL    | org.postgresql.util.PSQLException: ERROR: invalid input syntax for type integer: \"1'\"",
            "PostgreSQL    | pq: syntax error at end of input",
            "MySQL/MariaDB | ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ''''' at line 1",
            "MySQL/MariaDB | check the manual that corresponds to your MariaDB server version for the right syntax to use near '\\' at line 1",
            "MySQL/MariaDB | Unknown column '9999' in 'order clause'",
            "MySQL/MariaDB | pymysql.err.ProgrammingError: (1146, \"Table 'shop.item' doesn't exist\")",
            "SQLite        | sqlite3.OperationalError: unrecognized token: \"'''\"",
            "SQLite        | {\"error\": \"near \\\")\\\": syntax error\"}",
            "SQLite        | <p>near &quot;1&quot;: syntax error</p>",
            "SQLite        | 1st ORDER BY term out of range - should be between 1 and 2",
            "SQL Server    | Msg 105, Level 15, State 1, Line 1 Unclosed quotation mark after the character string ''.",
            "SQL Server    | Microsoft.Data.SqlClient.SqlException (0x80131904): Incorrect syntax near 'x'.",
            "SQL Server    | Conversion failed when converting the varchar value 'x' to data type int.",
            "Oracle        | ORA-01756: quoted string not properly terminated",
            "Oracle        | java.sql.SQLSyntaxErrorException: ORA-00933: SQL command not properly ended",
    })
    void findsEachDatabasesErrorText(String database, String page) {
        assertThat(DatabaseErrors.in("<html><body><pre>" + page + "</pre></body></html>"))
                .hasValueSatisfying(found -> assertThat(found.database()).isEqualTo(database));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Your search for 'shoes' returned no results.",
            "SQL tutorial: SELECT * FROM users WHERE name = 'dana' ORDER BY 1;",
            "Syntax highlighting near the top of the editor",
            "Oracle Corporation and MySQL are trademarks; ORA-1 is our product code",
            "{\"error\":\"invalid input\",\"detail\":\"price must be an integer\"}",
            "Unknown column in the spreadsheet: 'price'",
    })
    void leavesOrdinaryPagesAlone(String page) {
        assertThat(DatabaseErrors.in(page)).isEmpty();
    }
}
