"""Thin adapters to other frameworks, each an optional extra imported on its own.

Nothing here is imported by ``import notify_sdk``.
"""
