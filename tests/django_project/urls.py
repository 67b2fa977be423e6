from django.urls import path

from notify_sdk.contrib.django.views import webhook

from . import views

urlpatterns = [
    path("signup/", views.signup),
    path("signup-async/", views.signup_async),
    path("hooks/notify/", webhook),
]
