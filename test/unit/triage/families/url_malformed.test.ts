import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('url_malformed', {
  firstStep: 'parse_connection_string',
  valid: corpusCases('url_malformed'),
  invalid: [
    {
      title: 'an empty connection string (the variable was never set)',
      text: "sqlalchemy.exc.ArgumentError: Could not parse rfc1738 URL from string ''",
      source: 'sqlalchemy/engine/url.py make_url on an unset variable',
      family: 'env_missing',
    },
    {
      title: 'a fetch of an unrelated URL',
      text: 'TypeError: Failed to parse URL from /api/users',
      source: 'Node.js fetch (undici) on a relative URL, not a connection string',
    },
    {
      title: 'a host that does not resolve',
      text: 'Error: getaddrinfo ENOTFOUND db.internal.example',
      source: 'Node.js dns',
      family: 'cannot_connect',
    },
  ],
});
