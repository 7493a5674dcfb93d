package dev.preflight.collect.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TCP sockets listening on a host, read from the kernel's tables /proc/net/tcp and tcp6 (no
 * command run, no root needed). On the live host each socket is named after the process holding it
 * when this user may see that process's descriptors; a mounted image has no such tables, so there
 * is nothing to read there.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";
    /** The descriptors looked at when naming processes: /proc holds a few thousand on a busy server. */
    private static final int MAX_DESCRIPTORS = 200_000;

    /** A listening socket: its local address as text ("0.0.0.0", "::", "127.0.0.1"), its port, and its process when known. */
    public record Listener(String address, int port, boolean loopback, String process) {
        public String describe() {
            String where = address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
            return where + (process == null ? "" : " (" + process + ")");
        }
    }

    private ListeningSockets() {
    }

    /** The host's listening TCP sockets, or empty when its kernel tables are not there to read (a mounted root). */
    public static Optional<List<Listener>> read(HostRoot host) {
        Optional<String> v4 = host.read("/proc/net/tcp");
        Optional<String> v6 = host.read("/proc/net/tcp6");
        if (v4.isEmpty() && v6.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        v4.ifPresent(t -> rows.addAll(parse(t)));
        v6.ifPresent(t -> rows.addAll(parse(t)));
        Map<Long, String> owners = host.isLive() ? owners(rows.stream().map(Row::inode).toList()) : Map.of();
        // getByAddress turns an IPv4-mapped address (::ffff:127.0.0.1) into the IPv4 one, so isLoopbackAddress sees it too.
        return Optional.of(rows.stream().map(r -> new Listener(text(r.address()), r.port(), r.address().isLoopbackAddress(),
                owners.get(r.inode()))).distinct().toList());
    }

    private record Row(InetAddress address, int port, long inode) {
    }

    /** The LISTEN rows of one table: "sl local_address rem_address st ... uid timeout inode", addresses in the kernel's byte order. */
    static List<Row> parse(String table) {
        List<Row> rows = new ArrayList<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || !f[3].equals(LISTEN)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                rows.add(new Row(address(f[1].substring(0, colon)), Integer.parseInt(f[1].substring(colon + 1), 16), Long.parseLong(f[9])));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // A row this reader does not understand is not a listener it can judge.
            }
        }
        return rows;
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("not an address: " + hex);
        }
        byte[] out = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                out[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(out);
    }

    /** An address as people write it: IPv6 with its longest run of zero groups shortened to "::" (RFC 5952). */
    static String text(InetAddress address) {
        if (address.getAddress().length == 4) {
            return address.getHostAddress();
        }
        String[] groups = address.getHostAddress().replaceAll("%.*", "").split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::"
               + String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }

    /** The process name holding each socket inode, from /proc/PID/fd links "socket:[INODE]", bounded in descriptors looked at. */
    private static Map<Long, String> owners(List<Long> wanted) {
        Map<Long, String> found = new HashMap<>();
        int looked = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (found.size() == wanted.size() || looked > MAX_DESCRIPTORS) {
                    break;
                }
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        looked++;
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[")) {
                            long inode = Long.parseLong(link.substring(8, link.length() - 1));
                            if (wanted.contains(inode)) {
                                found.putIfAbsent(inode, Files.readString(process.resolve("comm")).strip());
                            }
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // Another user's process, or one that ended while it was read: its sockets stay unnamed.
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }
}
