"""Brand Message management endpoints: templates, media, the sender profile."""
