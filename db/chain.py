"""The audit chain of dossier events: each event's hash covers its fields and the hash of the
dossier's previous event, so that editing, removing or inserting an event shows (onestop/audit.py).
Kept with the persistence layer: migrations and bulk loaders compute it too."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

SEPARATOR = "\x1f"  # unit separator: cannot occur in the text fields' meaning


def event_hash(previous: str, dossier_code: str, at: datetime, user: str, action: str, from_status: str | None,
               to_status: str, note: str, handed_to: str) -> str:
    instant = at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    fields = (previous, dossier_code, instant, user, action, from_status or "", to_status, note or "",
              handed_to or "")
    return hashlib.sha256(SEPARATOR.join(fields).encode("utf-8")).hexdigest()
