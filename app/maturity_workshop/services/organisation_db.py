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


def saved_organisation_url() -> str:
    """The address kept in the settings ("" when none); MATURITY_WORKSHOP_ORG_URL, when set, is used instead."""
    from ..org.connection import configured_url

    return configured_url(environ={}) or ""


def organisation_url_from_environment() -> str | None:
    """MATURITY_WORKSHOP_ORG_URL, shown with its password hidden, when it is set (it wins over the settings)."""
    import os

    from ..org.connection import URL_ENV

    url = os.environ.get(URL_ENV, "").strip()
    if not url:
        return None
    try:
        return parse_url(url).shown
    except OrgError:
        return "(an address that cannot be read)"


def save_organisation_url(url: str) -> None:
    """Keep ``url`` in the settings (an empty one forgets it); a URL that is not PostgreSQL's, or holds
    a password, is refused with the reason."""
    from ..org.connection import forget_url, save_url

    if url.strip():
        save_url(url)
    else:
        forget_url()


def check_organisation(url: str | None = None, connect_timeout: float = 5) -> str:
    """Reach the organisation's database and check its schema: what was reached, said for the
    facilitator; an :class:`OrgError` says what is wrong."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from ..org.schema import check

    target = organisation_target(url)
    engine = create_engine(target, connect_timeout=connect_timeout)
    try:
        with engine.connect() as connection:
            check(connection)
            role = connection.execute(text("SELECT current_user")).scalar_one()
    except SQLAlchemyError as error:
        raise explain(error, target) from None
    finally:
        engine.dispose()
    return f"Reached the organisation database {target.place} as {role}."
