"""TLS against a real server: a cluster that takes only TLS connections on 127.0.0.1 (scram-sha-256),
with certificates from a throwaway authority made here with ``openssl``. A certificate for the
address, from an authority the address trusts, connects encrypted; a certificate for another name,
or from an authority the client does not trust, is refused with the message for it; and the
default for a server elsewhere (verify-full against the system's certificates) is what libpq
checks: the throwaway authority, not among the system's, is refused, and trusted once it is."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from maturity_workshop.cli import main
from maturity_workshop.org import connection
from maturity_workshop.org.connection import OrgError, create_engine, parse_url
from maturity_workshop.services.organisation_db import check_organisation

from ..packaging.tools import required, tool
from .cluster import TEMPLATE, Cluster, Unavailable, running_cluster, set_up_organisation
from .published import many_workshops, server_contents

HBA = ("local all all trust\n"
       "hostssl all all 127.0.0.1/32 scram-sha-256\n"
       "hostnossl all all 127.0.0.1/32 reject\n")  # fmt: skip
OTHER_NAME = "db.example.org"
CERTS = {"address": "IP:127.0.0.1", "other name": f"DNS:{OTHER_NAME}"}  # the server's certificates' names
READY_S = 15


def _openssl(*args: str, cwd: Path) -> None:
    done = subprocess.run([tool("openssl", "openssl"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, f"openssl {' '.join(args)}:\n{done.stderr}"


def _authority(folder: Path, name: str) -> Path:
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", f"{name}.key", "-out", f"{name}.crt", "-days", "2", "-subj", f"/CN={name}",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             cwd=folder)  # fmt: skip
    return folder / f"{name}.crt"


def _server_certificate(folder: Path, authority: str, name: str, san: str) -> tuple[Path, Path]:
    (folder / f"{name}.ext").write_text(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\n"
                                        "extendedKeyUsage=serverAuth\n", encoding="utf-8")  # fmt: skip
    _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={san.split(':', 1)[1]}", cwd=folder)
    _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{authority}.crt", "-CAkey", f"{authority}.key",
             "-set_serial", str(secrets.randbits(63)), "-days", "2", "-extfile", f"{name}.ext",
             "-out", f"{name}.crt", cwd=folder)  # fmt: skip
    return folder / f"{name}.crt", folder / f"{name}.key"


@dataclass
class TlsServer:
    organisation: object  # OrgDatabase
    authority: Path  # the throwaway authority that signed the server's certificates
    stranger: Path  # another authority, which signed none of them
    password: str
    certificates: dict[str, tuple[Path, Path]]
    serving: str = field(default="address")

    @property
    def cluster(self) -> Cluster:
        return self.organisation.server

    def url(self, host: str = "127.0.0.1", **query: str) -> str:
        return f"postgresql://alice@{host}:{self.cluster.port}/{TEMPLATE}" + (f"?{urlencode(query)}" if query else "")

    def libpq(self, **parameters: str):
        """A connection through libpq itself (psycopg, no SQLAlchemy), as alice on 127.0.0.1."""
        import psycopg

        given = {"host": "127.0.0.1", "port": self.cluster.port, "dbname": TEMPLATE, "user": "alice",
                 "password": self.password, "connect_timeout": 5}  # fmt: skip
        return psycopg.connect(**{**given, **parameters})

    def serve(self, which: str) -> None:
        """Have the server present certificate ``which``, and wait until it does."""
        import psycopg

        if which == self.serving:
            return
        certificate, key = self.certificates[which]
        (self.cluster.data / "server.crt").write_bytes(certificate.read_bytes())
        (self.cluster.data / "server.key").write_bytes(key.read_bytes())
        self.cluster.psql("-c", "SELECT pg_reload_conf()")
        name = CERTS[which].split(":", 1)[1]
        deadline = time.monotonic() + READY_S
        while True:  # the name it is for, checked against it: only the new certificate passes
            try:
                self.libpq(host=name, hostaddr="127.0.0.1", sslmode="verify-full",
                           sslrootcert=str(self.authority)).close()  # fmt: skip
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
        self.serving = which


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    if shutil.which("openssl") is None:
        required("openssl", "Debian: apt-get install openssl")
    authority = _authority(folder, "authority")
    stranger = _authority(folder, "stranger")
    certificates = {which: _server_certificate(folder, "authority", which.replace(" ", "-"), san)
                    for which, san in CERTS.items()}  # fmt: skip

    def with_tls(cluster: Cluster) -> None:
        certificate, key = certificates["address"]
        for source, name, mode in ((certificate, "server.crt", 0o644), (key, "server.key", 0o600)):
            shutil.copyfile(source, cluster.data / name)
            cluster.own(cluster.data / name, mode)
        with open(cluster.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")

    password = f"pw-{secrets.token_hex(12)}"
    try:
        with running_cluster(tcp=True, hba=HBA, prepare=with_tls) as cluster:
            organisation = set_up_organisation(cluster)
            cluster.psql("-c", f"ALTER ROLE alice PASSWORD '{password}'")
            yield TlsServer(organisation, authority, stranger, password, certificates)
    except Unavailable as missing:
        required("PostgreSQL's server", str(missing))


@pytest.fixture
def server(tls_server, tmp_path, monkeypatch) -> TlsServer:
    for variable in ("PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setenv("PGPASSWORD", tls_server.password)
    return tls_server


def _encrypted(url: str) -> bool:
    from sqlalchemy import text

    engine = create_engine(parse_url(url))
    try:
        with engine.connect() as db:
            return db.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()
    finally:
        engine.dispose()


def test_a_certificate_for_the_address_from_a_trusted_authority_connects_encrypted(server) -> None:
    server.serve("address")
    url = server.url(sslmode="verify-full", sslrootcert=str(server.authority))
    assert check_organisation(url) == f"Reached the organisation database {TEMPLATE} on 127.0.0.1 as alice."
    assert _encrypted(url) is True
    # the server takes nothing but TLS: without it, alice is not let in
    with pytest.raises(OrgError, match="does not let alice in from this computer"):
        check_organisation(server.url(sslmode="disable"))


def test_a_certificate_for_another_name_is_refused_saying_so(server, db_path, model, capsys) -> None:
    server.serve("other name")
    url = server.url(sslmode="verify-full", sslrootcert=str(server.authority))
    with pytest.raises(OrgError, match="at 127.0.0.1 could not be reached securely") as refused:
        check_organisation(url)
    assert OTHER_NAME in str(refused.value) and "does not match host name" in str(refused.value)
    # publishing says the same, and nothing is published
    many_workshops(db_path, model, 2, teams=1)
    assert main(["publish", "--db", str(db_path), "--url", url]) == 1
    said = capsys.readouterr().err
    assert "could not be reached securely" in said and "Traceback" not in said
    assert server_contents(server.organisation) == {}
    # the same certificate, asked for by its own name, is accepted: the name alone was refused
    named = server.url(OTHER_NAME, hostaddr="127.0.0.1", sslmode="verify-full", sslrootcert=str(server.authority))
    assert check_organisation(named).endswith("as alice.")


def test_an_authority_the_client_does_not_trust_is_refused_saying_so(server) -> None:
    server.serve("address")
    with pytest.raises(OrgError, match="at 127.0.0.1 could not be reached securely.*certificate verify failed"):
        check_organisation(server.url(sslmode="verify-full", sslrootcert=str(server.stranger)))


def _remote_default() -> dict[str, str]:
    """The TLS parameters parse_url gives a server elsewhere, in this environment."""
    return dict(parse_url(f"postgresql://alice@{OTHER_NAME}/{TEMPLATE}").url.query)


def test_a_server_elsewhere_is_checked_against_the_systems_certificates_which_hold_no_throwaway_authority(
    server,
) -> None:
    import psycopg

    server.serve("address")
    default = _remote_default()
    assert default["sslmode"] == "verify-full"
    with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
        server.libpq(**default).close()


def test_the_certificates_the_default_names_are_the_ones_libpq_trusts(server, tmp_path, monkeypatch) -> None:
    import psycopg

    server.serve("address")
    bundle = tmp_path / "ca-certificates.crt"
    bundle.write_bytes(server.stranger.read_bytes() + server.authority.read_bytes())
    monkeypatch.setattr(connection, "SYSTEM_CA_BUNDLES", (str(tmp_path / "missing.crt"), str(bundle)))
    with server.libpq(**_remote_default()) as db:
        assert db.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
    # where OpenSSL is told where to look, libpq's own "system" follows it
    monkeypatch.setenv("SSL_CERT_FILE", str(server.authority))
    assert _remote_default()["sslrootcert"] == "system"
    server.libpq(**_remote_default()).close()
    monkeypatch.setenv("SSL_CERT_FILE", str(server.stranger))
    with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
        server.libpq(**_remote_default()).close()
