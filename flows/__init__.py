"""Prefect orchestration of vanban's jobs. Domain logic lives in the `vanban` package."""
