import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('driver_missing', {
  valid: corpusCases('driver_missing'),
  invalid: [
    {
      title: "database/sql missing the MySQL driver (not a PostgreSQL driver)",
      text: "error: database driver: unknown driver mysql (forgotten import?)",
      source: "Go database/sql \"unknown driver %q (forgotten import?)\" for another database",
    },
    {
      title: 'a missing server extension module',
      text: 'ERROR:  could not find pgcrypto module in the extension directory "/usr/share/postgresql/16/extension"',
      source: 'a server-side extension that is not installed is not the client driver (the loader wording must name pg itself)',
    },
    {
      title: 'an install log that merely installs pg',
      text: 'npm notice run `npm install pg --save` to add the package\nadded 14 packages in 2s',
      source: 'npm output naming pg without any failure to load it',
    },
    {
      title: 'a missing helper library whose name starts like the driver',
      text: "Error: Cannot find module 'pg-promise'\nRequire stack:\n- /app/src/db.js",
      source: 'Node.js MODULE_NOT_FOUND for a library that is not the PostgreSQL driver',
    },
    {
      title: 'an application module that is missing',
      text: "Error: Cannot find module './routes/users'\nRequire stack:\n- /app/server.js",
      source: 'Node.js MODULE_NOT_FOUND for an application file, not a driver',
    },
    {
      title: 'a misspelt SQLAlchemy dialect',
      text: "sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres",
      source: 'PaulSonOfLars/tgbot#109',
      family: 'url_malformed',
    },
    {
      title: 'a missing Python module that is not a driver',
      text: "ModuleNotFoundError: No module named 'flask_sqlalchemy'",
      source: 'CPython ModuleNotFoundError for an extension package, not the PostgreSQL driver',
    },
  ],
});
