import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('connect_timeout', {
  valid: corpusCases('connect_timeout'),
  invalid: [
    {
      title: "old Postgrex's raw inet reason nxdomain after \"tcp connect: \" (the host did not resolve, batch 31)",
      text: "** (MatchError) no match of right hand side value: {:error, %Postgrex.Error{message: \"tcp connect: nxdomain\", postgres: nil}}",
      source: "elixir-ecto/postgrex 0.x \"tcp connect: #{reason}\" (elixir-ecto/postgrex#21), near its \"tcp connect: timeout\"",
      family: "cannot_connect",
    },
    {
      title: "the SSH tunnel refusing the key (ssh2's authentication failure, not its handshake timeout, batch 32)",
      text: "Database Connection Error: SSH Tunnel Connection Error: All configured authentication methods failed",
      source: "mscdex/ssh2 lib/client.js \"All configured authentication methods failed\"; near \"Timed out while waiting for handshake\" (beekeeper-studio/beekeeper-studio#3331)",
    },
    {
      title: 'WSAETIMEDOUT on a read of an established connection (Go wsarecv), not on connect',
      text: 'read tcp 192.168.1.13:51887->10.0.0.5:5432: wsarecv: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.',
      source: 'Windows Sockets WSAETIMEDOUT (10060) as Go prints a failed WSARecv',
      family: 'stale_connection',
    },
    {
      title: "Windows' refused connect (WSAECONNREFUSED), the neighbour of WSAETIMEDOUT",
      text: 'dial tcp 10.0.0.5:5432: connectex: No connection could be made because the target machine actively refused it.',
      source: 'Windows Sockets WSAECONNREFUSED (10061) as Go prints it',
      family: 'cannot_connect',
    },
    {
      title: "Npgsql's read timeout on an open connection (not the connect-phase deadline)",
      text: 'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.TimeoutException: Timeout during reading attempt',
      source: 'npgsql/npgsql#5965 (title); connect-phase TimeoutException frames from npgsql/npgsql#5658',
      family: 'stale_connection',
    },
    {
      title: 'a deadpool pool that waited for a free slot (the pool ran dry)',
      text: 'Error: Timeout occurred while waiting for a slot to become available',
      source: 'bikeshedder/deadpool PoolError::Timeout(TimeoutType::Wait)',
      family: 'pool_timeout',
    },
    {
      title: 'an asyncpg query that timed out on an open connection',
      text: '  File "/app/.venv/lib/python3.11/site-packages/asyncpg/connection.py", line 350, in execute\n    result = await self._protocol.query(query, timeout)\nasyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout',
      source: 'PostgreSQL 57014 through asyncpg: a statement timeout, not a connect timeout',
      family: 'unknown',
    },
    {
      title: 'a statement timeout',
      text: 'error: canceling statement due to statement timeout\n    at Parser.parseErrorMessage (node_modules/pg-protocol/dist/parser.js:287:98)',
      source: 'PostgreSQL postgres.c ProcessInterrupts (57014 query_canceled)',
      family: 'unknown',
    },
    {
      title: 'a node-postgres query timeout',
      text: 'Error: Query read timeout\n    at Timeout._onTimeout (node_modules/pg/lib/client.js:545:19)',
      source: 'brianc/node-postgres client.js query_timeout',
      family: 'unknown',
    },
    {
      title: 'the wait for a pooled connection',
      text: 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)',
      source: 'dataease/SQLBot#122',
      family: 'pool_timeout',
    },
    {
      title: 'a read that timed out on an idle connection',
      text: "Error: read ETIMEDOUT\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:217:20) {\n  errno: -110,\n  code: 'ETIMEDOUT',\n  syscall: 'read'\n}",
      source: 'brianc/node-postgres#2924',
      family: 'stale_connection',
    },
    {
      title: "Node's socket closed before connecting, its neighbour code (not a timeout)",
      text: 'Error [ERR_SOCKET_CLOSED_BEFORE_CONNECTION]: Socket closed before the connection was established',
      source: "nodejs/node lib/internal/errors.js E('ERR_SOCKET_CLOSED_BEFORE_CONNECTION') next to ERR_SOCKET_CONNECTION_TIMEOUT",
    },
    {
      title: 'a session the server ended for idling, after the login (not an authentication timeout)',
      text: 'FATAL:  terminating connection due to idle-session timeout',
      source: 'PostgreSQL postgres.c ProcessInterrupts (idle_session_timeout, 57P05)',
      family: 'stale_connection',
    },
    {
      title: "an application's own connection check that failed on the password, not on time (batch 29)",
      text: 'Could not establish database connection: password authentication failed for user "n8n"',
      source: 'the opening words of n8n-io/n8n db-connection-timeout-error.ts without "within the configured timeout"; PostgreSQL auth.c auth_failed (28P01)',
      family: 'auth_failed',
    },
  ],
});
