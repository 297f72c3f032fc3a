"""The organisation's database, for the window and the command line: where it is, and making or
upgrading its tables (its administrator's ``org-schema``). Publishing and pulling build on these."""

from __future__ import annotations

from ..org.connection import OrgError, Target, configured_url, create_engine, explain, parse_url


def organisation_target(url: str | None = None) -> Target:
    """Where the organisation's database is: ``url`` when given, else MATURITY_WORKSHOP_ORG_URL, else
    the settings; a clear message when none says."""
    url = url or configured_url()
    if not url:
        raise OrgError("No organisation database is set up on this computer: give its address with --url, "
                       "MATURITY_WORKSHOP_ORG_URL or the window's Organisation settings.")
    return parse_url(url)


def upgrade_organisation_schema(url: str | None = None) -> tuple[str | None, str]:
    """Make or upgrade the organisation database's tables, as the schema's owner role (run by its
    administrator); returns the revision before (None: there were none) and after."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..org.schema import upgrade

    target = organisation_target(url)
    engine = create_engine(target)
    try:
        return upgrade(engine)
    except SQLAlchemyError as error:
        raise explain(error, target) from None
    finally:
        engine.dispose()
