package dev.preflight.collect.osv;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Maven version ordered as Maven's {@code ComparableVersion} orders it: items split at '.', '-'
 * and digit/letter changes, each '-' (or change) opening a sub-list; numbers sort after
 * qualifiers; known qualifiers sort {@code alpha < beta < milestone < rc < snapshot < "" < sp}
 * ("ga", "final" and "release" are "", "cr" is "rc", "a1" is alpha-1), unknown qualifiers after
 * them, alphabetically; trailing zeros and empty qualifiers do not count (1.0 == 1 == 1-ga).
 */
final class MavenVersion implements Comparable<MavenVersion> {
    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
    private static final String RELEASE = String.valueOf(QUALIFIERS.indexOf(""));

    private sealed interface Item permits Int, Text, Items {
        boolean isNull();

        /** Compared with a missing item, which stands for 0, "" or an empty list. */
        int compareToNothing();
    }

    private record Int(BigInteger value) implements Item {
        public boolean isNull() {
            return value.signum() == 0;
        }

        public int compareToNothing() {
            return isNull() ? 0 : 1;
        }
    }

    private record Text(String value) implements Item {
        Text {
            value = ALIASES.getOrDefault(value, value);
        }

        static Text of(String value, boolean followedByDigit) {
            if (followedByDigit && value.length() == 1) {
                value = switch (value.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> value;
                };
            }
            return new Text(value);
        }

        String comparable() {
            int i = QUALIFIERS.indexOf(value);
            return i < 0 ? QUALIFIERS.size() + "-" + value : String.valueOf(i);
        }

        public boolean isNull() {
            return comparable().equals(RELEASE);
        }

        public int compareToNothing() {
            return comparable().compareTo(RELEASE);
        }
    }

    private record Items(List<Item> items) implements Item {
        public boolean isNull() {
            return items.isEmpty();
        }

        public int compareToNothing() {
            return items.isEmpty() ? 0 : items.getFirst().compareToNothing();
        }

        void normalize() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof Items)) {
                    break;
                }
            }
        }
    }

    private final Items items;

    private MavenVersion(Items items) {
        this.items = items;
    }

    static MavenVersion parse(String text) {
        String version = text.strip().toLowerCase(Locale.ROOT);
        Items root = new Items(new ArrayList<>());
        Items list = root;
        Deque<Items> stack = new ArrayDeque<>();
        stack.push(list);
        boolean digit = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                list.items().add(i == start ? new Int(BigInteger.ZERO) : item(digit, version.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = sublist(list, stack);
                }
            } else if (Character.isDigit(c)) {
                if (!digit && i > start) {
                    list.items().add(Text.of(version.substring(start, i), true));
                    start = i;
                    list = sublist(list, stack);
                }
                digit = true;
            } else {
                if (digit && i > start) {
                    list.items().add(item(true, version.substring(start, i)));
                    start = i;
                    list = sublist(list, stack);
                }
                digit = false;
            }
        }
        if (version.length() > start) {
            list.items().add(item(digit, version.substring(start)));
        }
        while (!stack.isEmpty()) {
            stack.pop().normalize();
        }
        return new MavenVersion(root);
    }

    private static Items sublist(Items parent, Deque<Items> stack) {
        Items child = new Items(new ArrayList<>());
        parent.items().add(child);
        stack.push(child);
        return child;
    }

    private static Item item(boolean digit, String part) {
        return digit ? new Int(new BigInteger(part)) : Text.of(part, false);
    }

    @Override
    public int compareTo(MavenVersion o) {
        return compare(items, o.items);
    }

    private static int compare(Item a, Item b) {
        if (b == null) {
            return a == null ? 0 : a.compareToNothing();
        }
        if (a == null) {
            return -b.compareToNothing();
        }
        return switch (a) {
            case Int x -> b instanceof Int y ? x.value().compareTo(y.value()) : 1;
            case Text x -> switch (b) {
                case Int y -> -1;
                case Text y -> x.comparable().compareTo(y.comparable());
                case Items y -> -1;
            };
            case Items x -> switch (b) {
                case Int y -> -1;
                case Text y -> 1;
                case Items y -> compareLists(x.items(), y.items());
            };
        };
    }

    private static int compareLists(List<Item> a, List<Item> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = compare(i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
