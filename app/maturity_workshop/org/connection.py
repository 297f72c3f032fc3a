"""Reaching the organisation's database: its address, its credentials, TLS and time-outs.

The address is a PostgreSQL URL, ``postgresql://ROLE@HOST[:PORT]/DATABASE[?...]``, from
``MATURITY_WORKSHOP_ORG_URL`` or else the settings file (``organisation.ini`` in the user's
configuration folder, written by the window's Organisation settings). Passwords never go into
either: libpq finds them itself (``~/.pgpass``, a service file, ``PGPASSWORD``), or, when the
``keyring`` package is installed, the OS keyring under the service ``maturity-workshop``. Nothing
here writes a password anywhere: not the workshops file, its backups, or the log (a URL is only
ever shown with its password hidden).

TLS: for a host that is neither a Unix socket nor loopback, ``sslmode=verify-full`` with the
system's certificates is the default, unless the URL or ``PGSSLMODE`` says otherwise (and
``PGSSLROOTCERT`` chooses the certificates, when set). The system's certificates are its bundle
file (``/etc/ssl/certs/ca-certificates.crt`` and the like), named as such: the libpq that comes
with psycopg's wheels has an OpenSSL of its own, whose ``sslrootcert=system`` looks in a folder of
that build (``/usr/lib/psycopg-openssl``), not in the system's. ``sslrootcert=system`` is used when
no bundle file is found, or when ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` says where OpenSSL looks.
Every connection has a connect time-out and a statement time-out, so that the window never waits
long on a network that is gone.
"""

from __future__ import annotations

import configparser
import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import DomainError
from ..locations import user_config_dir

log = logging.getLogger(__name__)

URL_ENV = "MATURITY_WORKSHOP_ORG_URL"
SETTINGS_FILE = "organisation.ini"
KEYRING_SERVICE = "maturity-workshop"
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 30_000
# Where systems keep their bundle of trusted certificates, the first found is the one used.
SYSTEM_CA_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL and the like
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",  # macOS, Alpine, the BSDs
)


class OrgError(DomainError):
    """Something about the organisation's database, said for the facilitator: what happened and what to do."""


def settings_path() -> Path:
    return user_config_dir() / SETTINGS_FILE


def configured_url(environ: Mapping[str, str] | None = None, path: Path | None = None) -> str | None:
    """The organisation's URL: the environment's, else the settings file's; None when neither says."""
    environ = os.environ if environ is None else environ
    if environ.get(URL_ENV, "").strip():
        return environ[URL_ENV].strip()
    path = path or settings_path()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError) as error:
        raise OrgError(f"The organisation settings in {path} cannot be read: {error}") from None
    url = parser.get("organisation", "url", fallback="").strip()
    return url or None


def save_url(url: str, path: Path | None = None) -> Path:
    """Keep ``url`` in the settings file; a URL holding a password is refused (libpq's ``.pgpass`` or
    the keyring keeps passwords, never this file)."""
    target = parse_url(url)
    if target.has_password:
        raise OrgError("The address holds a password; keep passwords in ~/.pgpass (or PGPASSWORD, or the "
                       "keyring) and give the address without it.")
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    parser = configparser.ConfigParser(interpolation=None)
    parser["organisation"] = {"url": url.strip()}
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        parser.write(out)
    os.replace(partial, path)
    return path


def forget_url(path: Path | None = None) -> None:
    """Forget the address kept in the settings file."""
    (path or settings_path()).unlink(missing_ok=True)


@dataclass(frozen=True)
class Target:
    """Where a URL points, said without its password."""

    url: object = field(repr=False)  # sqlalchemy.engine.URL, with the psycopg 3 driver (its password too)
    host: str | None  # None or a folder: a Unix socket
    role: str | None
    database: str | None
    has_password: bool

    @property
    def shown(self) -> str:
        """The URL with its password hidden, for messages and the log."""
        url = self.url.difference_update_query(["password"])  # libpq takes one there too
        return url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")

    @property
    def place(self) -> str:
        where = self.host or "the local socket"
        return f"{self.database or '?'} on {where}"


def _is_local(host: str | None) -> bool:
    if not host or host.startswith("/") or host.startswith("@"):
        return True
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def system_roots(environ: Mapping[str, str] | None = None) -> str:
    """libpq's ``sslrootcert`` for the system's trusted certificates: its bundle file; where the
    system keeps none (Windows), Mozilla's, from certifi; ``system`` when ``SSL_CERT_FILE`` or
    ``SSL_CERT_DIR`` tells OpenSSL where to look (or nothing else is found)."""
    environ = os.environ if environ is None else environ
    if environ.get("SSL_CERT_FILE") or environ.get("SSL_CERT_DIR"):
        return "system"
    found = next((path for path in SYSTEM_CA_BUNDLES if os.path.isfile(path)), None)
    if found is not None:
        return found
    try:
        import certifi
    except ImportError:
        return "system"
    bundle = certifi.where()
    return bundle if os.path.isfile(bundle) else "system"


def parse_url(url: str, environ: Mapping[str, str] | None = None) -> Target:
    """``url`` read and made ready: the psycopg 3 driver, TLS verify-full by default for a remote host."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    environ = os.environ if environ is None else environ
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError) as error:
        raise OrgError(f"The organisation's address is not a PostgreSQL URL ({error}); it looks like "
                       "postgresql://ROLE@HOST/DATABASE.") from None
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise OrgError(f'The organisation\'s address must start with postgresql://, not "{parsed.drivername}://".')
    parsed = parsed.set(drivername="postgresql+psycopg")
    query = dict(parsed.query)
    host = query.get("host") or parsed.host or environ.get("PGHOST")
    if isinstance(host, tuple):
        host = host[0]
    # With no host named, the server may still be elsewhere: a service file's, or an address alone.
    elsewhere = host is None and bool(query.get("service") or query.get("hostaddr") or environ.get("PGSERVICE")
                                      or environ.get("PGHOSTADDR"))  # fmt: skip
    address = query.get("hostaddr") or environ.get("PGHOSTADDR")
    local = _is_local(host) and not (elsewhere and not (address and _is_local(str(address))))
    if not local and "sslmode" not in query and not environ.get("PGSSLMODE"):
        query["sslmode"] = "verify-full"
        if "sslrootcert" not in query and not environ.get("PGSSLROOTCERT"):
            query["sslrootcert"] = system_roots(environ)
    parsed = parsed.set(query=query)
    has_password = parsed.password is not None or "password" in query
    return Target(parsed, host, parsed.username, parsed.database, has_password)


def _keyring_password(target: Target, environ: Mapping[str, str]) -> str | None:
    """The OS keyring's password for this role, host and database, when keyring is installed and
    neither the URL nor PGPASSWORD gives one (``.pgpass`` is libpq's, looked at after this)."""
    if target.has_password or environ.get("PGPASSWORD"):
        return None
    try:
        import keyring  # optional: not a dependency of the app
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, f"{target.role}@{target.host}/{target.database}")
    except Exception as error:  # noqa: BLE001 - any keyring backend's failure: go on without it
        log.info("The keyring gave no password for %s: %s", target.shown, error)
        return None


def create_engine(target: Target, *, connect_timeout: float = CONNECT_TIMEOUT_S,
                  statement_timeout_ms: int = STATEMENT_TIMEOUT_MS, environ: Mapping[str, str] | None = None):  # fmt: skip
    """An SQLAlchemy engine on the organisation's database, with the time-outs, no pool kept open."""
    from sqlalchemy import create_engine as sqlalchemy_engine
    from sqlalchemy.pool import NullPool

    environ = os.environ if environ is None else environ
    url = target.url
    password = _keyring_password(target, environ)
    if password:
        url = url.set(password=password)
    return sqlalchemy_engine(
        url,
        poolclass=NullPool,
        connect_args={
            "connect_timeout": max(1, round(connect_timeout)),
            "options": f"-c statement_timeout={statement_timeout_ms} -c lock_timeout={statement_timeout_ms}",
            "application_name": "maturity-workshop",
            # A network that goes mid-statement: the connection is given up within seconds, not
            # left waiting on TCP (the server's statement time-out cannot end what never reaches it).
            "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 2,
            "tcp_user_timeout": 10_000,
        },
    )


def explain(error: BaseException, target: Target) -> OrgError:
    """A database error as the facilitator reads it: what happened, where, and what to do."""
    text = str(getattr(error, "orig", None) or error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    lowered = text.lower()
    role = target.role or "your role"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return OrgError(f"The organisation database ({target.place}) refused the password for {role}. "
                        "Check the password in ~/.pgpass (or PGPASSWORD, or the keyring).")
    if f'role "{target.role}" does not exist' in lowered:
        return OrgError(f"The organisation database ({target.place}) has no role {role}: ask its administrator for one.")
    if "database" in lowered and "does not exist" in lowered:
        return OrgError(f"The organisation database {target.database} does not exist on {target.host or 'this machine'}; "
                        "check the address.")
    if any(s in lowered for s in ("no pg_hba.conf entry", "pg_hba.conf rejects", "permission denied for database")):
        return OrgError(f"The organisation database ({target.place}) does not let {role} in from this computer: "
                        "ask its administrator.")
    if "permission denied to set role" in lowered:
        return OrgError(f"Only the organisation database's administrator makes and upgrades its tables (a member of "
                        f"maturity_owner, such as maturity_admin); {role} is not one.")
    if "permission denied" in lowered or "row-level security" in lowered:
        return OrgError(f"The organisation database refused this for {role}: {first}")
    if "certificate" in lowered or "ssl" in lowered:
        return OrgError(f"The organisation database at {target.host} could not be reached securely: {first}. "
                        "Its certificate must be valid for that name (add ?sslmode=... to the address only if "
                        "your administrator says so).")
    if "timeout" in lowered or "timed out" in lowered or "canceling statement" in lowered:
        return OrgError(f"The organisation database ({target.place}) did not answer in time.")
    if any(s in lowered for s in ("could not connect", "connection refused", "no such file", "server closed",
                                   "connection is closed", "terminating connection", "consuming input failed",
                                   "could not translate host", "failed to resolve host", "connection failed", "the connection is lost")):
        return OrgError(f"The organisation database ({target.place}) cannot be reached: {first}")
    return OrgError(f"The organisation database ({target.place}) said: {first}")
