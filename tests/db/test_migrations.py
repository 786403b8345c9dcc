"""The schema changes only through Alembic: the migrations must build exactly the models' schema."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from onestop.db.migrate import current_revision, upgrade
from onestop.db.models import Base
from onestop.db.session import make_engine
from tests.conftest import ENGINES


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_migrations_build_the_models_schema_step_by_step(database_url):
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0001")  # a site installed with the first release, upgraded later
        upgrade(engine)
        assert current_revision(engine) is not None
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
