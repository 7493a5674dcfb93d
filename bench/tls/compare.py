"""Reads each tool's output per site (bench/tls/run) and prints the findings side by side, whether
the tools agree on each aspect, and their wall times, as Markdown. A tool that does not judge an
aspect shows "n/a" and does not count for or against agreement."""
import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

VERSIONS = ["SSLv3", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]
ASPECTS = ["protocols", "trusted", "host", "expiry", "OCSP stapled", "HTTP/2", "weak suites"]
NA = "n/a"


def preflight(path):
    report = json.load(open(path))
    checks = {c["id"]: c for item in report["items"] for c in item["checks"]}
    notes = {}
    for c in checks.values():
        for e in c.get("evidence", []):
            if e["kind"] == "note" and ": " in e["text"]:
                key, value = e["text"].split(": ", 1)
                notes[key] = value
            elif e["kind"] == "measurement":
                notes[e["name"]] = e["value"]
    names = {"SSLv3": "SSLv3", "TLSv1": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2", "TLSv1.3": "TLS1.3"}
    accepted = [names[v] for v in names if notes.get(v, "").startswith("accepted")]
    host = next((v for k, v in notes.items() if k.startswith("host ")), "")
    days = notes.get("days until expiry")
    found = {
        "protocols": " ".join(v for v in VERSIONS if v in accepted),
        "trusted": yesno(notes.get("chain", "").endswith("trusted") and "not trusted" not in notes.get("chain", "")),
        "host": yesno("named by the certificate" in host and "not named" not in host),
        "expiry": NA if days is None else ("expired" if days < 0 else "%d days" % days),
        "OCSP stapled": yesno(notes.get("OCSP stapling", "").startswith("a response")),
        "HTTP/2": yesno(checks["http.http2"]["status"] == "PASS"),
        "weak suites": yesno(notes.get("weak cipher suites only, at TLSv1.2", "").startswith("accepted")),
    }
    statuses = ", ".join("%s %s" % (i, checks[i]["status"]) for i in ["tls.certificate", "tls.protocols", "http.http2"])
    return found, statuses


def testssl(path):
    findings = {f["id"].split(" ")[0]: f["finding"] for f in json.load(open(path))}
    ids = {"SSLv3": "SSLv3", "TLS1": "TLS1.0", "TLS1_1": "TLS1.1", "TLS1_2": "TLS1.2", "TLS1_3": "TLS1.3"}
    accepted = [v for k, v in ids.items() if findings.get(k, "").startswith("offered")]
    expiry = findings.get("cert_expirationStatus", "")
    days = re.match(r"(\d+) ", expiry)
    weak = ["cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA"]
    return {
        "protocols": " ".join(v for v in VERSIONS if v in accepted),
        "trusted": yesno(findings.get("cert_chain_of_trust", "").startswith("passed")),
        "host": yesno(findings.get("cert_trust", "").startswith("Ok")),
        "expiry": "expired" if "expired" in expiry.lower() else ("%s days" % days.group(1) if days else expiry or NA),
        "OCSP stapled": yesno(findings.get("OCSP_stapling", "") == "offered"),
        "HTTP/2": yesno(findings.get("ALPN_HTTP2", "") == "h2"),
        "weak suites": yesno(any(findings.get(w, "").startswith("offered") for w in weak)),
    }


def sslscan(path):
    test = ET.parse(path).getroot().find("ssltest")
    accepted = []
    for p in test.findall("protocol"):
        name = "SSLv" + p.get("version") if p.get("type") == "ssl" else "TLS" + p.get("version")
        if p.get("enabled") == "1":
            accepted.append(name)
    cert = test.find("certificates/certificate")
    expiry = NA
    if cert is not None:
        if cert.findtext("expired") == "true":
            expiry = "expired"
        else:
            after = datetime.strptime(" ".join(cert.findtext("not-valid-after").split()), "%b %d %H:%M:%S %Y %Z")
            expiry = "%d days" % (after.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)).days
    weak = re.compile(r"NULL|RC4|DES|EXP|ADH|AECDH|anon|MD5", re.I)
    return {
        "protocols": " ".join(v for v in VERSIONS if v in accepted),
        # sslscan does not validate the chain nor match the host; it says only whether the leaf is self-signed.
        "trusted": NA,
        "host": NA,
        "expiry": expiry,
        "OCSP stapled": NA,
        "HTTP/2": NA,
        "weak suites": yesno(any(weak.search(c.get("cipher", "")) for c in test.findall("cipher"))),
    }


def yesno(b):
    return "yes" if b else "no"


def days_agree(values):
    """Expiry agrees when all say expired, or all give days within one of each other (rounding)."""
    if all(v == "expired" for v in values):
        return True
    numbers = [int(v.split()[0]) for v in values if v.endswith(" days")]
    return len(numbers) == len(values) and max(numbers) - min(numbers) <= 1


def main():
    work, rest = sys.argv[1], sys.argv[2:]
    runs = [rest[i:i + 4] for i in range(0, len(rest), 4)]
    print("| site | aspect | Preflight | testssl.sh | sslscan | agree |")
    print("|---|---|---|---|---|---|")
    agreed = {a: [0, 0] for a in ASPECTS}
    statuses = []
    for site, *_ in runs:
        pf, status = preflight("%s/%s.preflight.json" % (work, site))
        ts = testssl("%s/%s.testssl.json" % (work, site))
        ss = sslscan("%s/%s.sslscan.xml" % (work, site))
        statuses.append((site, status))
        for aspect in ASPECTS:
            values = [v for v in (pf[aspect], ts[aspect], ss[aspect]) if v != NA]
            same = days_agree(values) if aspect == "expiry" else len(set(values)) == 1
            agreed[aspect][0] += same
            agreed[aspect][1] += 1
            print("| %s | %s | %s | %s | %s | %s |" % (site, aspect, pf[aspect] or "none", ts[aspect] or "none",
                                                     ss[aspect] or "none", "yes" if same else "**no**"))
    print()
    print("| aspect | sites where the tools that judge it agree |")
    print("|---|---|")
    for aspect in ASPECTS:
        print("| %s | %d of %d |" % (aspect, agreed[aspect][0], agreed[aspect][1]))
    print()
    print("| site | Preflight statuses | Preflight wall s | testssl.sh `-p -s -S` wall s | sslscan wall s |")
    print("|---|---|---|---|---|")
    for (site, pf_s, ts_s, ss_s), (_, status) in zip(runs, statuses):
        print("| %s | %s | %s | %s | %s |" % (site, status, pf_s, ts_s, ss_s))


main()
