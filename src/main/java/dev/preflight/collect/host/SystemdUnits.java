package dev.preflight.collect.host;

import java.util.List;
import java.util.Optional;

/**
 * Whether a systemd unit is installed, enabled or masked on the host, read from the unit files and
 * the symlinks {@code systemctl enable} and {@code mask} leave, so that a mounted root answers too.
 */
public final class SystemdUnits {
    /** Where packages and admins put unit files, the admin's first. */
    static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/usr/local/lib/systemd/system", "/lib/systemd/system",
            "/usr/lib/systemd/system");

    private SystemdUnits() {
    }

    /** The unit file's host path, or empty when no unit of that name is installed. */
    public static Optional<String> installed(HostRoot host, String unit) {
        return UNIT_DIRS.stream().map(d -> d + "/" + unit).filter(host::exists).findFirst();
    }

    /** {@code systemctl mask} links the unit to /dev/null in /etc: it cannot start, even by hand. */
    public static boolean masked(HostRoot host, String unit) {
        return host.linkTarget("/etc/systemd/system/" + unit).filter(t -> t.equals("/dev/null")).isPresent();
    }

    /** The {@code .wants} link that enables the unit at boot (e.g. multi-user.target.wants/fail2ban.service), or empty. */
    public static Optional<String> enabledBy(HostRoot host, String unit) {
        for (String entry : host.list("/etc/systemd/system")) {
            if (entry.endsWith(".wants") || entry.endsWith(".requires")) {
                String link = "/etc/systemd/system/" + entry + "/" + unit;
                if (host.linkTarget(link).isPresent() || host.exists(link)) {
                    return Optional.of(link);
                }
            }
        }
        return Optional.empty();
    }
}
