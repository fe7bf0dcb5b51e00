"""Uploaded ledger files kept between the preview and the confirmation.

The confirmation applies the very file that was previewed, read again from the server's
disk and checked again: no row data travels through the browser. A file is named by a
random token and remembered in the uploader's session, so another user cannot confirm
it; files older than a day are removed at the next upload. The directory
(settings.LEDGER_UPLOAD_ROOT) is outside MEDIA_ROOT, never served; a deployment with
several application servers needs it on shared storage."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE = 24 * 3600
SESSION_KEY = "ledger_uploads"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}\Z")


def root():
    path = Path(settings.LEDGER_UPLOAD_ROOT)
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(request, data, name, encoding=None, fingerprint=""):
    """Keep `data` (named `name`, read with `encoding`, previewed as `fingerprint`) for
    `request`'s user; returns its token."""
    clean_old()
    token = secrets.token_urlsafe(24)
    (root() / f"{token}.upload").write_bytes(data)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = [name, encoding or "", fingerprint]
    request.session[SESSION_KEY] = uploads
    return token


def update(request, token, fingerprint):
    """The user has now seen the preview `fingerprint` of upload `token`."""
    uploads = request.session.get(SESSION_KEY, {})
    if token in uploads:
        uploads[token][2] = fingerprint
        request.session[SESSION_KEY] = uploads


def load(request, token):
    """(bytes, original name, encoding or None, fingerprint of its preview) of the user's
    upload `token`, or None."""
    if not token or not TOKEN.match(token):
        return None
    remembered = request.session.get(SESSION_KEY, {}).get(token)
    path = root() / f"{token}.upload"
    if remembered is None or not path.exists():
        return None
    name, encoding, fingerprint = remembered
    return path.read_bytes(), name, encoding or None, fingerprint


def discard(request, token):
    uploads = request.session.get(SESSION_KEY, {})
    if uploads.pop(token, None) is not None:
        request.session[SESSION_KEY] = uploads
    if token and TOKEN.match(token):
        (root() / f"{token}.upload").unlink(missing_ok=True)


def clean_old():
    limit = time.time() - MAX_AGE
    for path in root().glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass
