"""The test project's own app."""

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    name = "tests.django_project"
    label = "django_project"
