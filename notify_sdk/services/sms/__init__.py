"""SMS v3.0 management endpoints: 080 opt-out, templates, statistics, reservations."""
