package dev.preflight.collect.osv;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The package ecosystems Preflight resolves, each with OSV's name for it, its name rules and its version order. */
public enum Ecosystem {
    PYPI("PyPI") {
        @Override
        public String normalize(String name) {
            // PEP 503: "Django", "django" and "DJANGO_" name one project.
            return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }

        @Override
        Comparator<String> order() {
            return Comparator.comparing(Pep440::parse);
        }
    },
    NPM("npm") {
        @Override
        Comparator<String> order() {
            return Comparator.comparing(SemVer::parse);
        }
    },
    GO("Go") {
        @Override
        Comparator<String> order() {
            // "+incompatible" is build metadata, which SemVer ignores.
            return Comparator.comparing(SemVer::parse);
        }
    },
    MAVEN("Maven") {
        @Override
        Comparator<String> order() {
            return Comparator.comparing(MavenVersion::parse);
        }
    };

    private final String osvName;

    Ecosystem(String osvName) {
        this.osvName = osvName;
    }

    public String osvName() {
        return osvName;
    }

    /** The name as the ecosystem compares names; case matters everywhere but PyPI. */
    public String normalize(String name) {
        return name;
    }

    abstract Comparator<String> order();

    /**
     * Orders two versions of this ecosystem; {@link IllegalArgumentException} when either is not a
     * version the ecosystem can order.
     */
    public int compare(String a, String b) {
        return order().compare(a, b);
    }

    /** The ecosystem of an OSV {@code affected[].package.ecosystem}, e.g. "PyPI"; a suffix after ':' is a variant of it. */
    public static Optional<Ecosystem> ofOsv(String name) {
        String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        return Arrays.stream(values()).filter(e -> e.osvName.equals(base)).findFirst();
    }
}
