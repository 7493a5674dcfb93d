#!/usr/bin/env python3
"""Compares MDN HTTP Observatory's JSON and Preflight's JSON report per site; prints Markdown.

Usage: compare.py WORKDIR SITE... ; WORKDIR/SITE/{observatory.json,preflight.json,times} are read.
Each Observatory test is paired with the Preflight result that judges the same thing: a check's
status, or one note of http.security-headers ("SUBJECT: STATUS, finding").
"""
import json
import statistics
import sys
from pathlib import Path

PAIRS = [
    ("redirection", ("check", "http.https-redirect")),
    ("strict-transport-security", ("check", "http.hsts")),
    ("content-security-policy", ("note", "Content-Security-Policy")),
    ("x-content-type-options", ("note", "X-Content-Type-Options")),
    ("x-frame-options", ("note", "Frame protection")),
    ("referrer-policy", ("note", "Referrer-Policy")),
    ("cross-origin-resource-policy", ("note", "Cross-Origin-Resource-Policy")),
    ("cookies", ("check", "http.cookies")),
    ("cross-origin-resource-sharing", ("check", "http.cors")),
]
PREFLIGHT_ONLY = [("note", "Permissions-Policy"), ("note", "Cross-Origin-Opener-Policy"), ("note", "Version leaks"),
                  ("check", "http.compression"), ("check", "http.static-files")]


def preflight_results(report):
    checks, notes = {}, {}
    for item in report["items"]:
        for check in item["checks"]:
            checks[check["id"]] = check["status"]
            if check["id"] == "http.security-headers":
                for e in check["evidence"]:
                    if e.get("kind") == "note" and ": " in e["text"]:
                        subject, rest = e["text"].split(": ", 1)
                        notes[subject] = rest.split(",", 1)[0]
    return checks, notes


def lookup(kind, name, checks, notes):
    return (checks if kind == "check" else notes).get(name, "-")


def main():
    work = Path(sys.argv[1])
    sites = sys.argv[2:]
    rows, agree, stricter, laxer, obs_times, pf_times, pf_runs = [], {}, {}, {}, [], [], []
    for site in sites:
        d = work / site
        obs = json.loads((d / "observatory.json").read_text())
        pf = json.loads((d / "preflight.json").read_text())
        times = dict(line.split() for line in (d / "times").read_text().splitlines())
        obs_times.append(float(times["observatory"]))
        pf_times.append(float(times["preflight"]))
        pf_runs.append(pf["durationMs"] / 1000)
        checks, notes = preflight_results(pf)
        cells = []
        for test, (kind, name) in PAIRS:
            o = obs["tests"][test]["pass"]
            p = lookup(kind, name, checks, notes)
            if (o and p == "PASS") or (not o and p == "FAIL"):
                agree[test] = agree.get(test, 0) + 1
                cells.append("✓ " + ("pass" if o else "fail"))
            elif o:
                stricter.setdefault(test, []).append(f"{site} ({p})")
                cells.append(f"O pass, P {p}")
            else:
                laxer.setdefault(test, []).append(f"{site} ({p})")
                cells.append(f"O fail, P {p}")
        only = [lookup(k, n, checks, notes) for k, n in PREFLIGHT_ONLY]
        rows.append((site, obs["scan"]["grade"], cells, only))

    print("Per site and test: ✓ when both tools agree (both pass, or Observatory fails and Preflight FAILs);")
    print("otherwise the Observatory's verdict (O) and Preflight's status (P).")
    print()
    print("| site | Observatory grade | " + " | ".join(t for t, _ in PAIRS) + " |")
    print("|---" * (len(PAIRS) + 2) + "|")
    for site, grade, cells, _ in rows:
        print(f"| {site} | {grade} | " + " | ".join(cells) + " |")
    print()
    print("| Observatory test | Preflight | agree | Preflight stricter (Observatory passes) | Observatory stricter |")
    print("|---|---|---|---|---|")
    for test, (kind, name) in PAIRS:
        print(f"| {test} | {name if kind == 'check' else 'http.security-headers: ' + name} | {agree.get(test, 0)}/{len(sites)} | "
              f"{', '.join(stricter.get(test, [])) or '-'} | {', '.join(laxer.get(test, [])) or '-'} |")
    print()
    print("What only Preflight judges (no Observatory test):")
    print()
    print("| site | " + " | ".join(n for _, n in PREFLIGHT_ONLY) + " |")
    print("|---" * (len(PREFLIGHT_ONLY) + 1) + "|")
    for site, _, _, only in rows:
        print(f"| {site} | " + " | ".join(only) + " |")
    print()
    print(f"Wall time per site, {len(sites)} sites: Observatory median {statistics.median(obs_times):.2f} s "
          f"(min {min(obs_times):.2f}, max {max(obs_times):.2f}); Preflight (whole process, 7 checks) median "
          f"{statistics.median(pf_times):.2f} s (min {min(pf_times):.2f}, max {max(pf_times):.2f}), of which the run itself "
          f"(binding, the 7 checks concurrently, the verdict: the report's durationMs) median {statistics.median(pf_runs):.2f} s "
          f"(min {min(pf_runs):.2f}, max {max(pf_runs):.2f}).")


if __name__ == "__main__":
    main()
