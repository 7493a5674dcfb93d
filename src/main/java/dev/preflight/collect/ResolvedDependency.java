package dev.preflight.collect;

import dev.preflight.collect.osv.Ecosystem;

/** A dependency at the one version the build will use, and where the repository says so. */
public record ResolvedDependency(Ecosystem ecosystem, String name, String version, String path, int line) {
}
