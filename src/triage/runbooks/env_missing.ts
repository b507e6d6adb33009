// env_missing: the app never loaded its connection settings (`DATABASE_URL not
// set`, pg `client password must be a string`, Prisma `Environment variable not
// found: DATABASE_URL`, `The "url" argument must be of type string. Received
// undefined`, role "None"/"undefined"). With nothing set, drivers fall back to
// defaults: node-postgres dials localhost:5432 as the OS user, libpq a local
// Unix socket. The first check asks the process itself, which tells this apart
// from cannot_connect and auth_failed (real-errors a055, a171, b185).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'env_missing',
  steps: [
    {
      id: 'check_process_sees_url',
      title: 'Check the running process sees DATABASE_URL',
      action: 'Your shell may have the variable while the app does not (another directory, a service manager, a container). Ask in the same way the app starts, without printing the value.',
      verify:
        'In the app, on the line before the pool is created: `console.log(\'DATABASE_URL\', process.env.DATABASE_URL ? \'set\' : \'MISSING\')`, then start it as usual. That also catches a loader that runs too late. In a container: `docker compose exec <app> sh -c \'test -n "$DATABASE_URL" && echo set || echo MISSING\'`.',
      confirmed: '`MISSING`, an empty value, or the literal text `undefined`/`None`; or an error that names localhost, your OS user name or "None" as the target.',
      ruledOut: 'The variable is set and non-empty where the app runs (then see url_malformed or auth_failed).',
      fix: 'Load the settings before anything creates a pool (next checks say where it is lost), then restart the app.',
      source: 'https://node-postgres.com/features/connecting#environment-variables ; https://www.postgresql.org/docs/current/libpq-envars.html',
      clientVariants: {
        prisma: { verify: '`npx prisma migrate status` prints `Environment variables loaded from <file>` or P1012 `Environment variable not found: DATABASE_URL`.' },
        sqlalchemy: { verify: 'In the app, on the line before `create_engine`: `print(\'DATABASE_URL\', \'set\' if os.environ.get(\'DATABASE_URL\') else \'MISSING\')`.' },
        django: { verify: '`python manage.py shell -c "from django.db import connection as c; print(c.vendor, c.settings_dict[\'HOST\'], c.settings_dict[\'NAME\'])"`: `sqlite` or an empty HOST means the env was not read.' },
      },
    },
    {
      id: 'check_env_file_loaded',
      title: 'Check the .env file is found and loaded before the pool is created',
      action:
        'dotenv reads `.env` from the working directory, only when called, and only before the code that reads process.env runs; ES module imports run before the importing file\'s own code.',
      verify:
        '`ls -la .env` in the directory the app starts from; find where it is loaded: `grep -rnE "dotenv|load_dotenv|--env-file" src package.json *.py`; check it runs before the db module is imported.',
      confirmed: '.env is in another directory than the working directory, the loader is missing, or the db module is imported before it runs.',
      ruledOut: '.env sits in the working directory and is loaded first.',
      fix:
        'Node: `import \'dotenv/config\'` as the very first import of the entry file, or start with `node --env-file=.env` (Node 20.6+). Python: `load_dotenv()` before `create_engine`. Give an explicit path when the cwd differs.',
      source: 'https://github.com/motdotla/dotenv#how-do-i-use-dotenv-with-import ; https://nodejs.org/api/cli.html#--env-fileconfig',
      clientVariants: {
        prisma: { fix: 'Prisma CLI reads `.env` from the project root (or next to schema.prisma), not `.env.local`; put DATABASE_URL there or load it with `dotenv -e .env.local -- npx prisma ...`.' },
        django: { fix: 'Read the variable in settings.py (`os.environ["DATABASE_URL"]` with django-environ or dj-database-url) and load `.env` at the top of settings.py.' },
      },
    },
    {
      id: 'check_variable_names',
      title: 'Check the names in code and .env match exactly',
      action: 'A different name (`POSTGRES_URL` vs `DATABASE_URL`, `DB_PASS` vs `DB_PASSWORD`), a typo, spaces around `=`, or a value left in quotes across lines leaves the one the code reads unset.',
      verify: '`grep -rhoE "process\\.env\\.[A-Z_]+|os\\.(environ\\.get\\(|environ\\[|getenv\\()[\\"\'][A-Z_]+" src app | sort -u` next to `cut -d= -f1 .env`.',
      confirmed: 'The code reads a name the .env or platform does not define.',
      ruledOut: 'Every name the code reads is defined.',
      fix: 'Rename one side so they match; keep a committed `.env.example` listing the names without values.',
      source: 'https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow',
    },
    {
      id: 'check_password_setting',
      title: 'Check the password part specifically is set',
      action: '`client password must be a string` means pg got no password at all, from a config built of separate fields whose password variable is unset or from a URL without one.',
      verify: '`node -e "console.log(typeof process.env.DB_PASSWORD, Boolean(new URL(process.env.DATABASE_URL ?? \'x:/\').password))"` (use the name your config reads).',
      confirmed: '`undefined` for the password variable, or `false` for a password in the URL.',
      ruledOut: 'A password is present.',
      fix: 'Set the password variable (or use the full connection string from the Neon console), then restart.',
      source: 'https://github.com/brianc/node-postgres/issues/3210 ; https://node-postgres.com/apis/client',
    },
    {
      id: 'check_deploy_environment',
      title: 'Check the deploy target defines the variable for this environment',
      action: 'Platforms scope variables: set for Production but not Preview, only at build time, missing from a container\'s `env_file`, or hidden from CI jobs on forks.',
      verify: 'The platform\'s environment settings for this environment and scope; `docker compose exec <app> sh -c \'test -n "$DATABASE_URL" && echo set || echo MISSING\'`; the CI job\'s secret list.',
      confirmed: 'The variable is absent for the environment or scope that fails.',
      ruledOut: 'It is defined for this environment at run time.',
      fix: 'Add it for that environment (run time, not only build), redeploy; for Compose add `env_file: .env` or an `environment:` entry.',
      source: 'https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/ ; https://vercel.com/docs/environment-variables',
    },
  ],
  collectNext: [
    'The exact error text, including any host, user or database it names.',
    'How the app is started (command, working directory, service manager, container, platform).',
    'Where the variable is defined (.env path, platform settings, Compose file) and its name, never its value.',
    'The output of the "set / MISSING" check from the app\'s own environment.',
  ],
};
