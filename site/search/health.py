"""The search's line in /healthz (core.health): the engine in use answers, or the
searches are answered by the database's own engine (search/views.py, with_fallback)."""

from core.health import DEGRADED, OK

from .engines import database_engine, get_engine


def search_status():
    engine = get_engine()
    if engine.answers():
        return OK, engine.name
    return DEGRADED, f"{engine.name}: no answer; searching with {database_engine().name}"
