"""The organisation database's address: where it comes from, TLS by default for a server elsewhere,
a password never kept or shown, and messages for what goes wrong. No server needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from maturity_workshop.org import connection
from maturity_workshop.org.connection import (
    URL_ENV, OrgError, configured_url, explain, parse_url, save_url, settings_path, system_roots,
)  # fmt: skip


def _query(target) -> dict:
    return dict(target.url.query)


@pytest.mark.parametrize("url", [
    "postgresql://alice@db.example.org/maturity_workshop",
    "postgresql://alice@10.1.2.3:5433/maturity_workshop",
    "postgresql://alice@[2001:db8::1]/maturity_workshop",
    "postgres://alice@db.example.org/maturity_workshop",
])  # fmt: skip
def test_a_server_elsewhere_is_reached_with_tls_checking_its_name_against_the_systems_certificates(url) -> None:
    target = parse_url(url, environ={})
    assert _query(target) == {"sslmode": "verify-full", "sslrootcert": system_roots({})}
    assert target.url.drivername == "postgresql+psycopg"


def test_the_systems_certificates_are_its_bundle_file_named_as_such(tmp_path, monkeypatch) -> None:
    # psycopg's wheels bring a libpq with an OpenSSL of their own, whose "system" is a folder of that
    # build: the system's bundle is named instead, the first of the places systems keep it.
    missing, bundle, other = tmp_path / "missing.crt", tmp_path / "bundle.crt", tmp_path / "other.crt"
    bundle.write_text("certificates", encoding="utf-8")
    other.write_text("certificates", encoding="utf-8")
    monkeypatch.setattr(connection, "SYSTEM_CA_BUNDLES", (str(missing), str(bundle), str(other)))
    assert _query(parse_url("postgresql://a@db.example.org/x", environ={}))["sslrootcert"] == str(bundle)
    # OpenSSL's own variables say where to look: then libpq's "system" follows them
    for variable in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        query = _query(parse_url("postgresql://a@db.example.org/x", environ={variable: str(other)}))
        assert query == {"sslmode": "verify-full", "sslrootcert": "system"}
    # A system with no bundle file (Windows): Mozilla's, from certifi; without certifi, "system"
    import certifi

    monkeypatch.setattr(connection, "SYSTEM_CA_BUNDLES", (str(missing),))
    assert _query(parse_url("postgresql://a@db.example.org/x", environ={}))["sslrootcert"] == certifi.where()
    monkeypatch.setitem(sys.modules, "certifi", None)  # not installed
    assert _query(parse_url("postgresql://a@db.example.org/x", environ={}))["sslrootcert"] == "system"


def test_debians_bundle_is_found_where_debian_keeps_it() -> None:
    if not Path("/etc/ssl/certs/ca-certificates.crt").is_file():
        pytest.skip("not a Debian-like system")
    assert system_roots({}) == "/etc/ssl/certs/ca-certificates.crt"


@pytest.mark.parametrize("url", [
    "postgresql://alice@localhost/maturity_workshop",
    "postgresql://alice@127.0.0.1:5499/maturity_workshop",
    "postgresql://alice@[::1]/maturity_workshop",
    "postgresql://alice@/maturity_workshop",
    "postgresql://alice@/maturity_workshop?host=/var/run/postgresql",
])  # fmt: skip
def test_a_unix_socket_or_loopback_needs_no_tls(url) -> None:
    assert "sslmode" not in _query(parse_url(url, environ={}))


def test_the_url_or_pgsslmode_may_say_otherwise() -> None:
    assert _query(parse_url("postgresql://a@db.example.org/x?sslmode=require", environ={})) == {"sslmode": "require"}
    assert "sslmode" not in _query(parse_url("postgresql://a@db.example.org/x", environ={"PGSSLMODE": "prefer"}))
    assert _query(parse_url("postgresql://a@/x", environ={"PGHOST": "db.example.org"}))["sslmode"] == "verify-full"
    # the URL's or PGSSLROOTCERT's certificates are the ones checked against
    ca = "/etc/maturity/ca.crt"
    assert _query(parse_url(f"postgresql://a@db.example.org/x?sslrootcert={ca}", environ={})) == {
        "sslmode": "verify-full", "sslrootcert": ca}
    assert _query(parse_url("postgresql://a@db.example.org/x", environ={"PGSSLROOTCERT": ca})) == {
        "sslmode": "verify-full"}


def test_a_password_is_never_shown() -> None:
    target = parse_url("postgresql://alice:s3cret@db.example.org/maturity_workshop", environ={})
    assert target.has_password and "s3cret" not in target.shown and "***" in target.shown
    assert target.shown.startswith("postgresql://alice:")


def test_the_environment_wins_over_the_settings_and_the_settings_never_keep_a_password(tmp_path) -> None:
    path = tmp_path / "organisation.ini"
    assert configured_url(environ={}, path=path) is None
    with pytest.raises(OrgError, match="pgpass"):
        save_url("postgresql://alice:s3cret@db.example.org/maturity_workshop", path)
    assert not path.exists()
    save_url("postgresql://alice@db.example.org/maturity_workshop", path)
    assert configured_url(environ={}, path=path) == "postgresql://alice@db.example.org/maturity_workshop"
    assert configured_url(environ={URL_ENV: " postgresql://bob@/x "}, path=path) == "postgresql://bob@/x"


def test_the_settings_file_is_in_the_users_configuration_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MATURITY_WORKSHOP_CONFIG_DIR", str(tmp_path / "config"))
    assert settings_path() == tmp_path / "config" / "organisation.ini"


def test_a_damaged_settings_file_gets_a_message(tmp_path) -> None:
    path = tmp_path / "organisation.ini"
    path.write_bytes(b"url = no section\n")
    with pytest.raises(OrgError, match="cannot be read"):
        configured_url(environ={}, path=path)


@pytest.mark.parametrize("url, message", [
    ("mysql://alice@db/x", "must start with postgresql://"),
    ("not a url at all", "not a PostgreSQL URL"),
])  # fmt: skip
def test_an_address_that_is_not_postgresqls_is_refused_with_a_message(url, message) -> None:
    with pytest.raises(OrgError, match=message):
        parse_url(url, environ={})


@pytest.mark.parametrize("said, expected", [
    ('FATAL:  password authentication failed for user "alice"', "refused the password for alice"),
    ("failed to resolve host 'db.example.invalid': Name or service not known", "cannot be reached"),
    ('connection to server on socket "/x/.s.PGSQL.5432" failed: No such file or directory', "cannot be reached"),
    ('permission denied to set role "maturity_owner"', "Only the organisation database's administrator"),
    ('FATAL:  database "nope" does not exist', "does not exist"),
    ('FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "alice", database "x"', "does not let alice in"),
    ("FATAL:  permission denied for database \"maturity_workshop\"", "does not let alice in"),
    ("canceling statement due to statement timeout", "did not answer in time"),
    ('connection to server at "10.0.0.9", port 5432 failed: FATAL:  pg_hba.conf rejects connection for host '
     '"10.0.0.9", user "alice", database "x", no encryption', "does not let alice in"),
    ("SSL error: certificate verify failed", "securely"),
    ('connection to server at "10.0.0.9", port 5432 failed: server certificate for "db.example.org" does not '
     'match host name "10.0.0.9"', "securely"),
])  # fmt: skip
def test_what_the_server_says_becomes_a_message_for_the_facilitator(said, expected) -> None:
    target = parse_url("postgresql://alice@db.example.org/maturity_workshop", environ={})
    message = str(explain(RuntimeError(said), target))
    assert expected in message, message


def test_a_password_given_as_a_query_parameter_is_a_password_too(tmp_path) -> None:
    url = "postgresql://alice@db.example.org/maturity_workshop?password=s3cret"
    target = parse_url(url, environ={})
    assert target.has_password and "s3cret" not in target.shown and "s3cret" not in repr(target)
    with pytest.raises(OrgError, match="pgpass"):
        save_url(url, tmp_path / "organisation.ini")


@pytest.mark.parametrize("url, environ", [
    ("postgresql://alice@/maturity_workshop?service=org", {}),
    ("postgresql://alice@/maturity_workshop?hostaddr=10.1.2.3", {}),
    ("postgresql://alice@/maturity_workshop", {"PGSERVICE": "org"}),
    ("postgresql://alice@/maturity_workshop", {"PGHOSTADDR": "10.1.2.3"}),
])  # fmt: skip
def test_a_server_named_by_a_service_file_or_an_address_alone_is_reached_with_tls(url, environ) -> None:
    assert _query(parse_url(url, environ=environ))["sslmode"] == "verify-full"


def test_an_address_alone_on_loopback_needs_no_tls() -> None:
    assert "sslmode" not in _query(parse_url("postgresql://alice@/x?hostaddr=127.0.0.1", environ={}))
