"""A Flask service as teams write them: JSON health probes and prometheus_client metrics.

Run: python3 app.py PORT [FAULT]; FAULT health-500 makes /health answer 500 like a failing dependency,
FAULT debug runs it in debug mode (the Werkzeug debugger shows tracebacks and serves /console).
"""
import json
import sys

from flask import Flask, Response, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

port = int(sys.argv[1])
fault = sys.argv[2] if len(sys.argv) > 2 else ""

app = Flask(__name__)
requests_total = Counter("app_requests_total", "Requests served, by endpoint.", ["endpoint"])


@app.before_request
def count():
    requests_total.labels(endpoint=request.path).inc()


@app.get("/health")
def health():
    if fault == "health-500":
        return jsonify(status="error", database="unreachable"), 500
    return jsonify(status="ok")


@app.get("/health/ready")
def ready():
    return jsonify(status="ready")


@app.get("/health/live")
def live():
    return jsonify(status="alive")


@app.get("/api/items")
def list_items():
    return jsonify(items=[])


@app.post("/api/items")
def create_item():
    # Parsed by hand, as many apps do: a malformed body raises, and only the error handler below
    # (which debug mode bypasses) stands between the traceback and the client.
    item = json.loads(request.get_data())
    return jsonify(id=1, name=item.get("name")), 201


@app.errorhandler(500)
def server_error(error):
    return jsonify(error="internal server error"), 500


@app.get("/metrics")
def metrics():
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=port, debug=fault == "debug", use_reloader=False)
