"""A one-file Django project laid out as startproject lays one out: URLs end with a slash and
CommonMiddleware's APPEND_SLASH redirects /health to /health/. JSON health probes and
prometheus_client metrics in OpenMetrics text.

Run: python3 app.py PORT [FAULT]; FAULT health-empty makes /health answer 200 with no body.
"""
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
    DEBUG=False,
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


def metrics(request):
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


urlpatterns = [
    path("health/", health),
    path("health/ready/", ready),
    path("health/live/", live),
    path("metrics/", metrics),
]

if __name__ == "__main__":
    execute_from_command_line([sys.argv[0], "runserver", "--noreload", "127.0.0.1:" + port])
