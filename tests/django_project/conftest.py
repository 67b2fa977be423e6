"""Configures Django for the tests of this folder only.

The rest of the suite never imports Django; pytest-django stays inert there
because no DJANGO_SETTINGS_MODULE is set globally.
"""

from __future__ import annotations

import django
from django.conf import settings

from . import settings as project_settings

if not settings.configured:
    settings.configure(
        **{
            name: getattr(project_settings, name)
            for name in dir(project_settings)
            if name.isupper()
        }
    )
    django.setup()
