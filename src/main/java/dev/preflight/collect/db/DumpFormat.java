package dev.preflight.collect.db;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The kinds of backup the restore drill knows, told by their content (a file's name says little:
 * {@code backup.sql} may hold any of three dialects). Gzip-compressed files are told by their
 * magic and looked into after decompression, by {@link RestoreDrill}.
 */
public enum DumpFormat {
    POSTGRES_CUSTOM(Kind.POSTGRESQL, "PostgreSQL custom-format dump (pg_dump -Fc)", null),
    POSTGRES_SQL(Kind.POSTGRESQL, "PostgreSQL plain SQL dump (pg_dump)",
            Pattern.compile("^(\\\\(c|connect|!|o|out|w|write|i|ir|include|include_relative|copy|cd|setenv)(?=\\s|$)|CREATE DATABASE\\b)",
                    Pattern.CASE_INSENSITIVE)),
    MYSQL_SQL(Kind.MYSQL, "MySQL/MariaDB dump (mysqldump / mariadb-dump)",
            Pattern.compile("^(USE\\b|CREATE DATABASE\\b|connect\\b|\\\\[ur]\\b)", Pattern.CASE_INSENSITIVE)),
    SQLITE_FILE(Kind.SQLITE, "SQLite database file", null),
    SQLITE_SQL(Kind.SQLITE, "SQLite SQL dump (sqlite3 .dump)", Pattern.compile("^\\s*ATTACH\\b", Pattern.CASE_INSENSITIVE));

    /** How many bytes of a file {@link #of} needs. */
    public static final int HEAD = 4096;

    private final Kind kind;
    private final String label;
    private final Pattern elsewhere;

    DumpFormat(Kind kind, String label, Pattern elsewhere) {
        this.kind = kind;
        this.label = label;
        this.elsewhere = elsewhere;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /**
     * The start of a line of a text dump that would take the restore out of its scratch database
     * (pg_dump --create's {@code \connect app}, mysqldump --databases' {@code USE app}, an SQLite
     * {@code ATTACH}) or, for psql, reach the file system or a shell ({@code \!}, {@code \o}, {@code \i}),
     * which pg_dump never writes; or null for the binary formats, whose tools restore only where they
     * are told. The mariadb client and sqlite3 keep away from the file system by their own sandbox options.
     */
    Pattern elsewhere() {
        return elsewhere;
    }

    /** Whether the first bytes are gzip's magic. */
    public static boolean gzipped(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The format the first bytes of a (decompressed) file show, if any. */
    public static Optional<DumpFormat> of(byte[] head, int length) {
        String text = new String(head, 0, Math.max(0, length), StandardCharsets.ISO_8859_1);
        if (text.startsWith("PGDMP")) {
            return Optional.of(POSTGRES_CUSTOM);
        }
        if (text.startsWith("SQLite format 3\0")) {
            return Optional.of(SQLITE_FILE);
        }
        if (text.contains("-- PostgreSQL database dump")) {
            return Optional.of(POSTGRES_SQL);
        }
        if (text.startsWith("-- MySQL dump") || text.startsWith("-- MariaDB dump") || text.contains("\n-- MySQL dump")
            || text.contains("\n-- MariaDB dump")) {
            return Optional.of(MYSQL_SQL);
        }
        if (text.startsWith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;")) {
            return Optional.of(SQLITE_SQL);
        }
        return Optional.empty();
    }
}
