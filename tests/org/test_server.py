"""The organisation database's tests run on a real PostgreSQL server, reached as the app reaches
it: SQLAlchemy with the psycopg 3 driver."""

from __future__ import annotations

import stat

from sqlalchemy import create_engine, text


def test_sqlalchemy_reaches_the_server_through_psycopg_3(postgres_server) -> None:
    engine = create_engine(postgres_server.url())
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version()")).scalar_one()
            assert connection.dialect.driver == "psycopg"
            assert connection.execute(text("SHOW listen_addresses")).scalar_one() == ""  # no TCP port
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL ")


def test_the_servers_folder_can_be_entered_and_its_socket_is_its_owners(postgres_server) -> None:
    assert stat.S_IMODE(postgres_server.folder.stat().st_mode) == 0o755
    socket = postgres_server.folder / f".s.PGSQL.{postgres_server.port}"
    assert stat.S_ISSOCK(socket.stat().st_mode) and stat.S_IMODE(socket.stat().st_mode) == 0o700
