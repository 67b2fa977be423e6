"""A small Django project that uses notify_sdk.contrib.django as an application would."""
