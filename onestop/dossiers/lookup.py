"""One dossier by its code, with everything shown or printed of it loaded in the same session."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onestop.db.models import Dossier, Procedure
from onestop.errors import OnestopError
from onestop.validation import lookup_key


class DossierNotFound(OnestopError, LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"Không tìm thấy hồ sơ mã «{code}».")


def load_dossier(session: Session, code: str) -> Dossier:
    if (key := lookup_key(code)) is None:
        raise DossierNotFound(code)
    dossier = session.scalars(
        select(Dossier).where(Dossier.code == key).options(
            selectinload(Dossier.applicant), selectinload(Dossier.documents),
            selectinload(Dossier.procedure).selectinload(Procedure.field),
            selectinload(Dossier.events), selectinload(Dossier.pauses), selectinload(Dossier.appointments),
            selectinload(Dossier.department), selectinload(Dossier.agency),
        )
    ).one_or_none()
    if dossier is None:
        raise DossierNotFound(code)
    return dossier
