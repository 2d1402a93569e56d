"""Prefect flows: thin orchestration over the `extract` library."""
