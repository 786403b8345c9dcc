"""The audit chain of dossier events: each event's hash covers its fields and the hash of the
dossier's previous event, so that editing, removing or inserting an event shows (onestop/audit.py).
Kept with the persistence layer: migrations and bulk loaders compute it too.

Since migration 0007 each event also attests what it changed on the dossier row (`attests`: the
dates and appointments it set, the applicant's identity at intake), inside its hash, so that
`audit verify` can replay a dossier's events and compare the result with the stored row; and each
local day's events are summed up in a day head (`day_head`) that a site key signs."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from typing import Any

SEPARATOR = "\x1f"  # unit separator: cannot occur in the text fields' meaning

# The dossier columns an event attests (the instants and appointments a state change sets), and
# the applicant's identity, as a digest of its fields.
ATTESTED_INSTANTS = ("received_at", "due_at", "statutory_due_at", "apology_due_at", "extended_due_at",
                     "finished_at", "returned_at", "closed_at", "first_late_at", "first_statutory_late_at")
APPLICANT = "applicant"
APPLICANT_FIELDS = ("kind", "name", "id_number", "phone", "email", "address")


def instant_text(at: datetime | None) -> str:
    return "" if at is None else at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(previous: str, dossier_code: str, at: datetime, user: str, action: str, from_status: str | None,
               to_status: str, note: str, handed_to: str, attests: str = "") -> str:
    fields = (previous, dossier_code, instant_text(at), user, action, from_status or "", to_status, note or "",
              handed_to or "")
    if attests:  # events from before 0007 attest nothing: their hashes stay as they were
        fields = (*fields, attests)
    return hashlib.sha256(SEPARATOR.join(fields).encode("utf-8")).hexdigest()


def applicant_digest(values: Mapping[str, Any] | Any) -> str:
    """SHA-256 of the applicant's identity fields (a mapping, or an object with those attributes)."""
    get = values.get if isinstance(values, Mapping) else (lambda name: getattr(values, name))
    return hashlib.sha256(SEPARATOR.join(str(get(f) or "") for f in APPLICANT_FIELDS).encode("utf-8")).hexdigest()


def dossier_state(values: Mapping[str, Any] | Any) -> dict[str, str]:
    """The attested instants of a dossier (a row mapping or the ORM object), as text."""
    get = values.get if isinstance(values, Mapping) else (lambda name: getattr(values, name))
    return {name: instant_text(get(name)) for name in ATTESTED_INSTANTS}


def encode_attests(state: Mapping[str, str]) -> str:
    """`name=value;…` in name order: what the event's hash covers."""
    return ";".join(f"{name}={state[name]}" for name in sorted(state))


def decode_attests(text: str) -> dict[str, str]:
    if not text:
        return {}
    return dict(part.split("=", 1) for part in text.split(";") if "=" in part)  # a malformed part: its hash fails


def changes(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """The attests of an event that turned `before` into `after`."""
    return encode_attests({k: v for k, v in after.items() if before.get(k) != v})


def first_attests(dossier: Mapping[str, Any] | Any, applicant: Mapping[str, Any] | Any) -> str:
    """The attests of a dossier's first event: every instant set, and the applicant's digest."""
    state = {k: v for k, v in dossier_state(dossier).items() if v}
    state[APPLICANT] = applicant_digest(applicant)
    return encode_attests(state)


def day_head(previous: str, day: date, events: Iterable[tuple[int, str]]) -> tuple[str, int]:
    """The head of one local day: its events' ids and hashes, in (at, id) order, chained to the
    previous day's head. Returns the head and the number of events."""
    h = hashlib.sha256(SEPARATOR.join((previous, day.isoformat())).encode("ascii"))
    count = 0
    for event_id, event_hash_ in events:
        h.update(f"{SEPARATOR}{event_id}:{event_hash_}".encode("ascii"))
        count += 1
    h.update(f"{SEPARATOR}{count}".encode("ascii"))
    return h.hexdigest(), count
