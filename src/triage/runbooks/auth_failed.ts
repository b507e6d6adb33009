// auth_failed: the server rejected the credentials (SQLSTATE 28P01 / 28000,
// Prisma P1000). The first check is fixed by the lesson: reset the password and
// update DATABASE_URL. Its verify first tells it apart from env_missing (the URL
// the app loads carries no password at all, as in Prisma P1000 with an empty
// password) before anything is reset.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'auth_failed',
  steps: [
    {
      id: 'rotate_password',
      title: 'Reset the password in the Neon console and update DATABASE_URL',
      action:
        'Check that the URL the app loads has a user and a password at all, then test it with psql. If psql is refused too, reset the role password in the Neon console and put the new connection string in DATABASE_URL.',
      verify:
        'From the app\'s directory, with its env loaded (add `-r dotenv/config` after `node` if the app uses dotenv): `node -e "const u=new URL(process.env.DATABASE_URL); console.log(u.username, u.password ? \'password set\' : \'NO PASSWORD\', u.host)"`, then `psql "$DATABASE_URL" -c "select current_user"`.',
      confirmed:
        'psql with the same DATABASE_URL fails with `password authentication failed` (28P01), while a connection string copied fresh from the console works.',
      ruledOut:
        'psql connects with the app\'s DATABASE_URL: the password is right, so the app is not using that URL (next check). `NO PASSWORD` means the settings were never loaded: see env_missing.',
      fix:
        'Neon console: Branches → the branch the app connects to (passwords are per branch) → Roles & Databases → role menu → Reset password. Copy the new string from Connect, update DATABASE_URL in every environment (.env, host secrets, CI) and restart the app. Treat the old password as exposed if it was ever pasted anywhere.',
      source: 'https://neon.com/docs/manage/roles#reset-a-password ; https://neon.com/faqs/reset-database-password ; https://neon.com/docs/connect/connection-errors#password-authentication-failed-for-user',
      clientVariants: {
        prisma: {
          verify:
            '`npx prisma migrate status`: it prints which .env it loaded and `Datasource "db" ... at "<host>"`; check that host and user, then `psql "$DATABASE_URL" -c "select current_user"`.',
        },
        sqlalchemy: {
          verify:
            '`python -c "from sqlalchemy import make_url; import os; u=make_url(os.environ[\'DATABASE_URL\']); print(u.username, bool(u.password), u.host)"`, then `psql "$DATABASE_URL" -c "select current_user"`.',
        },
        psycopg2: {
          verify:
            '`python -c "import os,urllib.parse as p; u=p.urlsplit(os.environ[\'DATABASE_URL\']); print(u.username, bool(u.password), u.hostname)"`, then `psql "$DATABASE_URL" -c "select current_user"`.',
        },
        'server-log': {
          verify:
            'This is the server\'s side: the `DETAIL:` line under the FATAL gives the reason and the matching pg_hba.conf line (real-errors a004). Then check the failing client\'s URL with `psql "$DATABASE_URL" -c "select current_user"` where that client runs.',
        },
      },
    },
    {
      id: 'check_user_name',
      title: 'Check the user name matches an existing role exactly',
      action:
        'Compare the user in the error with the role names on the branch. Role names are case-sensitive, and for a role that does not exist the server still says "password authentication failed" so as not to reveal which roles exist.',
      verify:
        'Neon console → Roles & Databases, or in the SQL editor: `select rolname, rolcanlogin from pg_roles where rolname ilike \'<user>\';`',
      confirmed:
        'No row with exactly that name (e.g. `Postgres` vs `postgres`, `neondb_owner` vs `neondb`), or `rolcanlogin` is false.',
      ruledOut: 'A row with exactly the user from the error exists and can log in.',
      fix:
        'Use the exact role name from the console in DATABASE_URL, or create the role (`create role app login password \'...\'` run in the SQL editor, never pasted into chat). `alter role <user> login` if it cannot log in.',
      source: 'https://www.postgresql.org/docs/current/client-authentication-problems.html ; https://www.postgresql.org/docs/current/sql-alterrole.html',
    },
    {
      id: 'check_password_encoding',
      title: 'Check special characters in the password are percent-encoded',
      action:
        'In a URL, `@ : / ? # % &` inside the password must be percent-encoded, or the parser cuts the password (or the host) in the wrong place.',
      verify:
        '`node -e "const u=new URL(process.env.DATABASE_URL); console.log(\'password length\', decodeURIComponent(u.password).length, \'host\', u.hostname)"`: compare the length with the password you set; a wrong host also shows a cut.',
      confirmed: 'The decoded length differs from the real password, or the host shows a piece of the password.',
      ruledOut: 'The password has only letters and digits (Neon-generated passwords do), or the decoded length matches.',
      fix:
        'Encode the password once: `node -e "console.log(encodeURIComponent(process.argv[1]))" \'<password>\'` in a private terminal, or pass user and password as separate settings instead of one URL.',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
      clientVariants: {
        sqlalchemy: {
          fix: 'Build the URL with `sqlalchemy.URL.create(...)`, passing username, password and host as separate arguments, so the password needs no escaping.',
        },
        jdbc: {
          fix: 'Pass `user` and `password` as connection properties instead of inside the JDBC URL.',
        },
      },
    },
    {
      id: 'check_env_override',
      title: 'Look for another setting that overrides the password',
      action:
        'A stale value set elsewhere wins over .env: an exported DATABASE_URL or PGPASSWORD in the shell, ~/.pgpass, docker-compose `environment:`, the hosting platform\'s variables. dotenv does not overwrite a variable that is already set.',
      verify:
        '`env | grep -E \'^(DATABASE_URL|PGUSER|PGPASSWORD|PGHOST)=\' | sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#; /^PGPASSWORD/s#=.*#=****#\'`, then compare with .env and the platform\'s settings page.',
      confirmed: 'The value the process sees differs from the one you just updated (another user, host or an old password).',
      ruledOut: 'Only one definition exists and it is the updated one.',
      fix:
        'Remove or update the stale definition (unset it in the shell, update the platform variable and redeploy); with dotenv, load it before anything reads process.env.',
      source: 'https://github.com/motdotla/dotenv#what-happens-to-environment-variables-that-were-already-set ; https://www.postgresql.org/docs/current/libpq-envars.html',
    },
    {
      id: 'read_server_reason',
      title: 'Read the reason the server logged',
      action:
        'The client only says "password authentication failed"; the server log line after it says why (wrong password, no password set, expired, which pg_hba.conf line matched).',
      verify:
        'Self-hosted: the server log `DETAIL:` line after the FATAL, e.g. `grep -A1 "authentication failed" /var/log/postgresql/*.log`. Docker: `docker logs <db-container> 2>&1 | grep -A1 FATAL`.',
      confirmed:
        '`Password does not match`, `User "x" has no password assigned`, `User "x" has an expired password`, or a pg_hba.conf line with another method than you expect.',
      ruledOut: 'No server log is available (Neon shows none) or it shows nothing for the attempt.',
      fix:
        'Set the password on the server (`\\password <user>` in psql), extend `VALID UNTIL`, or fix the pg_hba.conf line and reload. In Docker, POSTGRES_PASSWORD applies only when the data volume is first created: change it with `\\password` or recreate the volume.',
      source: 'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html ; https://hub.docker.com/_/postgres (Initialization scripts / POSTGRES_PASSWORD)',
    },
  ],
  collectNext: [
    'The exact error text with its SQLSTATE (28P01 or 28000) and the user name it names.',
    'Client library and version (e.g. `npm ls pg`, `pip show psycopg2-binary`, `npx prisma -v`).',
    'The connection string with the password removed: `printenv DATABASE_URL | sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#\'`.',
    'Whether `psql` with the same URL connects from the same machine.',
    'Where the app runs (local, Docker, Vercel, CI) and where that place sets DATABASE_URL.',
    'The server log lines around the failure (self-hosted only).',
  ],
};
