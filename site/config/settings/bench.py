"""Benchmarks: production-like (DEBUG off) on whatever DATABASE_URL names."""

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
