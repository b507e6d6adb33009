// driver_missing: the database driver package is not importable by the process
// that runs the app (`Cannot find module 'pg'`, `No module named psycopg2`,
// TypeORM DriverPackageNotInstalledError, Go `unknown driver "postgres"`, JDBC
// `No suitable driver`). The first check is fixed by the lesson: install it.
// Its verify resolves the module the way the app does, which separates "not
// installed" from "installed somewhere else" (the next check).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'driver_missing',
  steps: [
    {
      id: 'install_driver',
      title: 'Install the driver package',
      action:
        'Check the driver resolves from the app\'s own directory and interpreter, and install it there if it does not. The error names the package the client looked for.',
      verify:
        'Node, from the app\'s directory: `node -e "console.log(require.resolve(\'pg\'))"`. Python, with the app\'s interpreter: `python -c "import psycopg2; print(psycopg2.__version__)"`.',
      confirmed: '`Cannot find module` / `ModuleNotFoundError` for the package the error names.',
      ruledOut: 'The package resolves and prints a path or version from the app\'s environment.',
      fix: 'Node: `npm install pg`. Python: `pip install psycopg2-binary` (or `pip install "psycopg[binary]"` for psycopg 3). Then restart the app.',
      source: 'https://node-postgres.com/ ; https://www.psycopg.org/docs/install.html',
      clientVariants: {
        'node-postgres': { fix: '`npm install pg` in the package that runs the app (`pg-native` only if you use `require(\'pg\').native`).' },
        typeorm: {
          verify: '`npm ls pg typeorm`: TypeORM loads `pg` itself and reports "Postgres package has not been found installed" when it cannot.',
          fix: '`npm install pg` next to typeorm; if pg is installed, align versions (`npm ls pg` shows duplicates; real-errors a062 came from a pg packaging change, typeorm#10076).',
        },
        drizzle: { fix: 'Install the driver your drizzle import uses: `npm install pg` (drizzle-orm/node-postgres), `postgres` (drizzle-orm/postgres-js) or `@neondatabase/serverless` (drizzle-orm/neon-http).' },
        'postgres-js': { verify: '`node -e "console.log(require.resolve(\'postgres\'))"`', fix: '`npm install postgres`' },
        'neon-serverless': { verify: '`node -e "console.log(require.resolve(\'@neondatabase/serverless\'))"`', fix: '`npm install @neondatabase/serverless`' },
        psycopg3: { verify: '`python -c "import psycopg; print(psycopg.__version__, psycopg.pq.__impl__)"`', fix: '`pip install "psycopg[binary]"`' },
        sqlalchemy: {
          verify:
            'A URL starting `postgresql://` makes SQLAlchemy load psycopg2; `postgresql+psycopg://` loads psycopg 3, `postgresql+asyncpg://` asyncpg. Import that one: `python -c "import psycopg2"`.',
          fix: 'Install the driver the URL names (`pip install psycopg2-binary`), or change the URL prefix to the driver you have (`postgresql+psycopg://` with `pip install "psycopg[binary]"`).',
        },
        django: { fix: '`pip install "psycopg[binary]"` (Django 4.2+) or `pip install psycopg2-binary`, with ENGINE `django.db.backends.postgresql`.' },
        asyncpg: { verify: '`python -c "import asyncpg; print(asyncpg.__version__)"`', fix: '`pip install asyncpg`' },
        pgx: {
          verify: '`go list -m github.com/jackc/pgx/v5` and `grep -rn "jackc/pgx/v5/stdlib" .` when you use database/sql.',
          fix: '`go get github.com/jackc/pgx/v5`; with database/sql add `import _ "github.com/jackc/pgx/v5/stdlib"` and open with driver name `pgx`.',
        },
        'lib-pq': { verify: '`grep -rn \'_ "github.com/lib/pq"\' .`', fix: '`go get github.com/lib/pq` and `import _ "github.com/lib/pq"` in the package that calls `sql.Open("postgres", ...)`.' },
        jdbc: {
          verify: '`mvn dependency:tree | grep org.postgresql` or `gradle dependencies | grep org.postgresql`.',
          fix: 'Add `org.postgresql:postgresql` as a runtime dependency; `No suitable driver found` also appears when the URL does not start with `jdbc:postgresql://`.',
        },
        'ruby-pg': { verify: '`bundle exec ruby -e "require \'pg\'; puts PG.library_version"`', fix: 'Add `gem "pg"` to the Gemfile and `bundle install` (needs libpq-dev to build).' },
      },
    },
    {
      id: 'check_same_environment',
      title: 'Check the package is installed where the app runs',
      action:
        'It is often installed, but into another virtualenv, another workspace package, the global prefix or the host instead of the container.',
      verify:
        'Python: `python -c "import sys; print(sys.executable)"` run by the same command that starts the app, then `python -m pip show psycopg2-binary`. Node: `npm ls pg` in the app\'s package directory. Docker: `docker compose exec <app> node -e "require.resolve(\'pg\')"`.',
      confirmed: 'The app\'s interpreter, package or container does not have it while another one does.',
      ruledOut: 'The interpreter / package that runs the app lists the driver.',
      fix:
        'Install with that interpreter (`python -m pip install ...` after activating the app\'s venv), add the dependency to the workspace package that runs the app, or install it in the image.',
      source: 'https://packaging.python.org/en/latest/guides/installing-using-pip-and-virtual-environments/ ; https://docs.npmjs.com/cli/commands/npm-ls',
    },
    {
      id: 'check_production_dependencies',
      title: 'Check the driver is a production dependency',
      action:
        'A driver listed only in devDependencies, or missing from requirements.txt / the lock file, works locally and disappears in the production build.',
      verify:
        'Node: `npm ls pg --omit=dev` and `grep -n \'"pg"\' package.json`. Python: `grep -in psycopg requirements*.txt pyproject.toml`. In the built image: `docker run --rm <image> node -e "require.resolve(\'pg\')"`.',
      confirmed: 'The driver is missing from the production dependency set or from the built image.',
      ruledOut: 'The driver is a runtime dependency and resolves inside the built artifact.',
      fix: '`npm install --save pg` (moves it to dependencies), add it to requirements.txt / pyproject, commit the lock file and rebuild.',
      source: 'https://docs.npmjs.com/cli/configuring-npm/package-json#dependencies',
    },
    {
      id: 'check_native_build',
      title: 'Check a native part of the driver built and can load libpq',
      action:
        'psycopg2 (not -binary), psycopg 3 without [binary], ruby pg and pg-native compile against libpq; the import fails when the build failed or libpq is missing at run time.',
      verify:
        '`pip install psycopg2 2>&1 | grep -iE "pg_config|error"`; `python -c "import psycopg; print(psycopg.pq.__impl__)"` (psycopg 3: `no pq wrapper available` means no libpq); `ldconfig -p | grep libpq`.',
      confirmed: '`pg_config executable not found`, `libpq.so.5: cannot open shared object file`, or `no pq wrapper available`.',
      ruledOut: 'The driver is pure or pre-built (pg, psycopg2-binary, psycopg[binary], asyncpg wheels) and imports.',
      fix: 'Use the pre-built package (`psycopg2-binary`, `psycopg[binary]`), or install libpq: `apt-get install libpq-dev` to build, `libpq5` to run.',
      source: 'https://www.psycopg.org/docs/install.html#build-prerequisites ; https://www.psycopg.org/psycopg3/docs/basic/install.html',
    },
    {
      id: 'check_bundle_and_platform',
      title: 'Check the bundler or platform did not drop the driver',
      action:
        'Bundlers (webpack, Next.js, esbuild, serverless packagers) can leave the driver out of the deployed bundle; Prisma\'s query engine must exist for the deploy platform.',
      verify:
        'List the deployed artifact (`unzip -l function.zip | grep node_modules/pg/`) or the build log for `Module not found`; Prisma: the error names the platform the engine was built for.',
      confirmed: 'The driver or engine is absent from the deployed artifact, or built for another platform.',
      ruledOut: 'The deployed artifact contains the driver for the runtime platform.',
      fix:
        'Mark the driver external (Next.js `serverExternalPackages: [\'pg\']`, esbuild `--external:pg-native`), or include it in the package.',
      source: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/serverExternalPackages ; https://esbuild.github.io/api/#external',
      clientVariants: {
        prisma: {
          verify: '`npx prisma -v` shows the local platform; the error names the one the deploy needs (e.g. `rhel-openssl-3.0.x`, `linux-musl-openssl-3.0.x`).',
          fix: 'Add it to the generator: `binaryTargets = ["native", "<platform from the error>"]`, then `npx prisma generate` in the build.',
        },
      },
    },
  ],
  collectNext: [
    'The exact error text with the module name it could not find.',
    'How the app is started (command, Dockerfile, platform) and the interpreter or Node version it uses.',
    'Node: `npm ls pg` (or the driver in use) from the app directory. Python: `python -m pip freeze | grep -iE "psycopg|asyncpg|sqlalchemy"`.',
    'The ORM and driver versions (TypeORM, Prisma, SQLAlchemy, Django).',
    'Operating system and architecture (`uname -a`), and whether it runs in Alpine/musl.',
  ],
};
