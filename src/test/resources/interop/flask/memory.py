"""A Flask service with prometheus_client's default process metrics and two endpoints that each build
a 1 MiB report per request: one hands it back and forgets it, the other also keeps it in a
module-level list "for later", the leak a load should show.

Run: python3 memory.py PORT
"""
import sys

from flask import Flask, Response, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

port = int(sys.argv[1])

app = Flask(__name__)
REPORT_BYTES = 1 << 20
kept = []


def build_report():
    # Filled, not just reserved: untouched pages would not count as resident memory.
    return b"r" * REPORT_BYTES


@app.get("/api/report")
def report():
    return jsonify(size=len(build_report()))


@app.get("/api/report-kept")
def report_kept():
    kept.append(build_report())
    return jsonify(size=len(kept[-1]), kept=len(kept))


@app.get("/metrics")
def metrics():
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=port, use_reloader=False)
