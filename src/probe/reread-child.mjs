// The fresh process of the restart_reread check (plain JavaScript: it starts
// in a blink, with nothing of the parent's pools, caches or compiled code).
// Reads the node-postgres settings on stdin, never from its command line, and
// prints {token, pid} or {error} as one JSON line.
import pg from 'pg';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const config = input.config;
// verify-ca checks the chain and not the host name (libpq-ssl.html); a function cannot travel as JSON.
if (config.ssl && input.skipHostCheck) config.ssl.checkServerIdentity = () => undefined;
const client = new pg.Client(config);
client.on('error', () => {});
try {
  await client.connect();
  const { rows } = await client.query(`SELECT token, pg_backend_pid() AS pid FROM ${pg.escapeIdentifier(input.schema)}.${pg.escapeIdentifier(input.table)} WHERE id = $1`, [input.id]);
  process.stdout.write(`${JSON.stringify({ token: rows[0]?.token ?? null, pid: rows[0]?.pid ?? null })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
} finally {
  await client.end().catch(() => {});
}
