// With DATABASE_URL unset the probe targets the embedded demo database: the
// one a running `pgtriage serve` holds (its port from postmaster.pid, its
// password from credentials.json), or, for the CLI, one started for the run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DATABASE, isAlive, startEmbedded } from '../db/embedded.ts';

export interface EmbeddedTarget {
  url: string;
  /** Stops the embedded server when this run started it. */
  stop(): Promise<void>;
}

export async function embeddedTarget({ dataDir, port, log }: { dataDir: string; port: number; log: (line: string) => void }): Promise<EmbeddedTarget> {
  const running = runningEmbeddedUrl(dataDir);
  if (running !== null) return { url: running, stop: async () => {} };
  const server = await startEmbedded({ dataDir, port, log });
  return { url: server.demoUrl, stop: () => server.stop() };
}

function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  const credentialsFile = join(dataDir, 'credentials.json');
  if (!existsSync(pidFile) || !existsSync(credentialsFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, ... (PostgreSQL's miscadmin.h, LOCK_FILE_LINE_*).
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return null;
  const { password } = JSON.parse(readFileSync(credentialsFile, 'utf8')) as { password: string };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DEMO_DATABASE}`;
}
