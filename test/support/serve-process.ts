// `pgtriage serve` as a real child process, as `npm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `bin/pgtriage.mjs serve`; `ready` resolves on its "ready on http" line, `exited` with its exit code. */
export function serveProcess(env: Record<string, string>, children: ChildProcess[]) {
  const child = spawn(process.execPath, ['bin/pgtriage.mjs', 'serve'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => stdout.includes('ready on http') && resolve());
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // Tests that expect a failed start await `exited` instead.
  ready.catch(() => {});
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}
