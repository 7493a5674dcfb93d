#!/usr/bin/env python3
"""Writes a large checklist built from the real items of the shared checklists.

Usage: generate-checklist.py ITEMS OUT.md [SOURCE.md ...]
Sections of 20 items under H2/H3 headings, every fifth item with two nested sub-items, a
fenced code block every 200 items, a mix of ticked and unticked boxes. Deterministic.
"""
import re
import sys

TASK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(.*)$")


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    texts = []
    for source in sys.argv[3:]:
        with open(source, encoding="utf-8") as f:
            texts += [m.group(1) for m in map(TASK.match, f) if m]
    if not texts:
        texts = ["Test health check endpoint", "Set DEBUG=False", "API response time < 200ms (p95)"]
    lines = ["# Generated checklist", ""]
    written = 0
    section = 0
    while written < count:
        if written % 20 == 0:
            section += 1
            lines += ["", f"## Area {section // 10 + 1}", "", f"### Section {section}", ""]
        text = texts[written % len(texts)]
        box = "x" if written % 3 == 0 else " "
        lines.append(f"- [{box}] {text}")
        written += 1
        if written % 5 == 0 and written + 2 <= count:
            for k in range(2):
                lines.append(f"  - [ ] {texts[(written + k) % len(texts)]}")
                written += 1
        if written % 200 == 0:
            lines += ["  ```bash", "  - [ ] not an item: inside a code block", "  ```"]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
