package dev.preflight.collect.osv;

import java.util.List;
import java.util.Set;

/**
 * One OSV advisory, reduced to what matching needs. A package is affected at a version listed in
 * {@code versions} or inside one of the {@code ranges}.
 *
 * @param file where the advisory was read, relative to the export directory
 */
public record Advisory(String id, Set<String> aliases, String summary, List<Affected> affected, String file) {

    public Advisory {
        aliases = Set.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /** One {@code affected[]} entry. */
    public record Affected(Ecosystem ecosystem, String name, List<String> versions, List<Range> ranges) {
        public Affected {
            versions = List.copyOf(versions);
            ranges = List.copyOf(ranges);
        }

        boolean affects(String version) {
            if (versions.contains(version)) {
                return true;
            }
            for (Range r : ranges) {
                if (r.affects(ecosystem, version)) {
                    return true;
                }
            }
            return false;
        }

        /** The first version that fixes it, for the remediation; empty when no range says. */
        public List<String> fixedIn() {
            return ranges.stream().flatMap(r -> r.events().stream()).filter(e -> e.kind() == Event.Kind.FIXED)
                    .map(Event::version).distinct().toList();
        }
    }

    /** An {@code ECOSYSTEM} or {@code SEMVER} range; GIT ranges name commits, which a resolved version does not have. */
    public record Range(boolean semver, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }

        /**
         * OSV's evaluation: walk the events in version order; an introduced at or below the version
         * opens the range, a fixed at or below it closes it, a last_affected below it closes it.
         */
        boolean affects(Ecosystem ecosystem, String version) {
            java.util.Comparator<String> order = semver ? java.util.Comparator.comparing(SemVer::parse) : ecosystem.order();
            List<Event> sorted = events.stream()
                    .sorted((a, b) -> a.isZero() ? (b.isZero() ? 0 : -1) : b.isZero() ? 1 : order.compare(a.version(), b.version()))
                    .toList();
            boolean affected = false;
            for (Event e : sorted) {
                switch (e.kind()) {
                    case INTRODUCED -> {
                        if (e.isZero() || order.compare(version, e.version()) >= 0) {
                            affected = true;
                        }
                    }
                    case FIXED -> {
                        if (order.compare(version, e.version()) >= 0) {
                            affected = false;
                        }
                    }
                    case LAST_AFFECTED -> {
                        if (order.compare(version, e.version()) > 0) {
                            affected = false;
                        }
                    }
                }
            }
            return affected;
        }
    }

    public record Event(Kind kind, String version) {
        public enum Kind { INTRODUCED, FIXED, LAST_AFFECTED }

        boolean isZero() {
            return kind == Kind.INTRODUCED && version.equals("0");
        }
    }

    /** Every name this vulnerability goes by: its id and its aliases. */
    public Set<String> names() {
        java.util.Set<String> all = new java.util.TreeSet<>(aliases);
        all.add(id);
        return all;
    }
}
