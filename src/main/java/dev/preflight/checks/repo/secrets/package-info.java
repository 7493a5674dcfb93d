/**
 * The secret scanner behind {@code repo.secrets}: built-in and gitleaks-format rules, a keyword
 * prefilter, RE2/J regexes (linear time), allowlists, inline allow comments and a hash baseline.
 */
package dev.preflight.checks.repo.secrets;
