-- The organisation's database for Maturity Workshop: run once, by a PostgreSQL superuser.
--
--     psql -v ON_ERROR_STOP=1 -f organisation-setup.sql
--
-- (add -v dbname=NAME for a database of another name). Running it again changes nothing that
-- is there already. It makes the database "maturity_workshop" and four roles:
--
--   maturity_owner        owns the database and its "maturity" schema (no login)
--   maturity_admin        the administrator's login, a member of maturity_owner: it makes and
--                         upgrades the tables (maturity-workshop org-schema)
--   maturity_facilitator  the facilitators' group: they publish workshops (no login)
--   maturity_reader       the coaches' and managers' group: they only read (no login)
--
-- The tables, their grants and their row-level security policies come after, with the app's
-- own command, run as maturity_admin; it creates the tables and upgrades them when a newer app
-- needs it:
--
--     maturity-workshop org-schema --url postgresql://maturity_admin@HOST/maturity_workshop
--
-- Then one login role per person (the README's "Setting up the organisation database"):
--
--     CREATE ROLE alice LOGIN IN ROLE maturity_facilitator;   -- a facilitator
--     CREATE ROLE carol LOGIN IN ROLE maturity_reader;        -- a coach or a manager
--     \password alice
--
-- A workshop belongs to the role that first published it: only that role can change or delete
-- it. Each facilitator needs a role of their own; a shared one would let them change each
-- other's workshops.

\set ON_ERROR_STOP on
\if :{?dbname}
\else
\set dbname maturity_workshop
\endif

SELECT format('CREATE ROLE %I NOLOGIN', name) FROM unnest(ARRAY['maturity_owner', 'maturity_facilitator',
    'maturity_reader']) AS name WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec
SELECT 'CREATE ROLE maturity_admin LOGIN IN ROLE maturity_owner'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'maturity_admin') \gexec

SELECT format('CREATE DATABASE %I OWNER maturity_owner ENCODING %L TEMPLATE template0', :'dbname', 'UTF8')
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'dbname') \gexec
REVOKE ALL ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"dbname" TO maturity_owner, maturity_facilitator, maturity_reader;

\connect :"dbname"
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS maturity AUTHORIZATION maturity_owner;

\echo
\echo 'The database' :"dbname" 'and its roles are ready. Next:'
\echo '  1. give maturity_admin a password:   \\password maturity_admin'
\echo '  2. make the tables, as maturity_admin: maturity-workshop org-schema --url postgresql://maturity_admin@HOST/DATABASE'
\echo '  3. a login role per facilitator:      CREATE ROLE alice LOGIN IN ROLE maturity_facilitator;'
\echo '     and per coach or manager:          CREATE ROLE carol LOGIN IN ROLE maturity_reader;'
