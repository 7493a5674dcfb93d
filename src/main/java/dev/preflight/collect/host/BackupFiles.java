package dev.preflight.collect.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backup files in a directory on the host: its regular files and those of its subdirectories
 * one level down (tools that write {@code 2026-11-23/app.sql.gz}), newest first. Symlinks are not
 * followed, so that a link in a mounted image never leads outside the root and a "latest" link is
 * not counted twice.
 */
public final class BackupFiles {
    /** Directory entries looked at in all; a backup directory holding more is cut off here, not read whole. */
    static final int MAX_ENTRIES = 20_000;

    private BackupFiles() {
    }

    /** A backup file: its host path for evidence, the file under the root, its size in bytes and its modification time. */
    public record BackupFile(String hostPath, Path file, long size, Instant modified) {
    }

    /** The backups in a host directory, newest first; empty when the directory is missing or unreadable. */
    public static List<BackupFile> in(HostRoot root, String hostDir) {
        Optional<Path> dir = root.resolve(hostDir).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        List<BackupFile> out = new ArrayList<>();
        int[] budget = {MAX_ENTRIES};
        for (Path entry : entries(dir.get(), budget)) {
            BasicFileAttributes attributes = attributes(entry);
            if (attributes == null) {
                continue;
            }
            if (attributes.isRegularFile()) {
                out.add(file(root, entry, attributes));
            } else if (attributes.isDirectory()) {
                for (Path inner : entries(entry, budget)) {
                    BasicFileAttributes innerAttributes = attributes(inner);
                    if (innerAttributes != null && innerAttributes.isRegularFile()) {
                        out.add(file(root, inner, innerAttributes));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(BackupFile::modified).reversed().thenComparing(BackupFile::hostPath));
        return List.copyOf(out);
    }

    private static List<Path> entries(Path dir, int[] budget) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (budget[0]-- <= 0) {
                    break;
                }
                out.add(p);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static BackupFile file(HostRoot root, Path p, BasicFileAttributes attributes) {
        return new BackupFile(root.hostPath(p), p, attributes.size(), attributes.lastModifiedTime().toInstant());
    }
}
