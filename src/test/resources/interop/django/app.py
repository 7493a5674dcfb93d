"""A one-file Django project laid out as startproject lays one out: URLs end with a slash and
CommonMiddleware's APPEND_SLASH redirects /health to /health/. JSON health probes and
prometheus_client metrics in OpenMetrics text.

Run: python3 app.py PORT [FAULT]; FAULT health-empty makes /health answer 200 with no body, FAULT
debug sets DEBUG = True (technical 404 and 500 pages with tracebacks and settings).
"""
import json
import sys

from django.conf import settings
from django.core.management import execute_from_command_line
from django.http import HttpResponse, JsonResponse
from django.urls import path
from prometheus_client import REGISTRY, Counter
from prometheus_client.openmetrics.exposition import CONTENT_TYPE_LATEST, generate_latest

port = sys.argv[1]
fault = sys.argv[2] if len(sys.argv) > 2 else ""

settings.configure(
    DEBUG=fault == "debug",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="interop-test-only",
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
)

requests_total = Counter("app_requests", "Requests served, by endpoint.", ["endpoint"])


def health(request):
    requests_total.labels(endpoint="/health").inc()
    if fault == "health-empty":
        return HttpResponse(b"", content_type="application/json")
    return JsonResponse({"status": "ok"})


def ready(request):
    return JsonResponse({"status": "ready"})


def live(request):
    return JsonResponse({"status": "alive"})


def items(request):
    if request.method == "POST":
        # Parsed by hand, as many views do: a malformed body raises, and handler500 (which DEBUG
        # bypasses) stands between the traceback and the client.
        item = json.loads(request.body)
        return JsonResponse({"id": 1, "name": item.get("name")}, status=201)
    return JsonResponse({"items": []})


def server_error(request):
    return JsonResponse({"error": "internal server error"}, status=500)


def metrics(request):
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


urlpatterns = [
    path("health/", health),
    path("health/ready/", ready),
    path("health/live/", live),
    path("metrics/", metrics),
    path("api/items/", items),
]
handler500 = server_error

if __name__ == "__main__":
    execute_from_command_line([sys.argv[0], "runserver", "--noreload", "127.0.0.1:" + port])
