"""Settings of the test project (no database: nothing here needs one)."""

SECRET_KEY = "django-test-project-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = ["notify_sdk.contrib.django", "tests.django_project"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
ROOT_URLCONF = "tests.django_project.urls"
DATABASES: dict[str, object] = {}
USE_TZ = True

NOTIFY_SDK = {
    # Real-looking credentials: the emulator replaces them in the tests, and a
    # test proves that nothing would have worked without it.
    "SMS_APP_KEY": "project-sms-app-key",
    "SMS_SECRET_KEY": "project-secret-CANARY-91c4",
    "SMS_SENDER": "0215449876",
    "SMS_BASE_URL": "http://127.0.0.1:9",
    "RETRY": {"max_attempts": 2, "initial_delay": 0.0, "jitter": False},
    "TIMEOUT": 2.0,
    "WEBHOOK_SECRET": "hook-secret-CANARY-77ab",
    "WEBHOOK_HANDLER": "tests.django_project.views.record_event",
}
