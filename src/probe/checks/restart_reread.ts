// The lesson's "restart and re-read": a fresh child process, with nothing of
// this one's pools or caches, connects and reads the round trip's row back.
// The connection settings travel on the child's stdin, never its command
// line or environment.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { PROBE_TABLE } from '../session.ts';

const CHILD = fileURLToPath(new URL('../reread-child.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const restartReread: ProbeCheck = {
  id: 'restart_reread',
  dependsOn: ['round_trip'],
  writes: true,
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const row = session.savedRow!;
    const config = session.clientConfig({ timeoutMs, applicationName: 'pgtriage-probe-reread' });
    const input = JSON.stringify({
      config: { ...config, password: config.password },
      skipHostCheck: session.tlsDecision.verifyChain && !session.tlsDecision.verifyHost,
      schema: session.schemaName,
      table: PROBE_TABLE,
      id: row.id,
    });
    const { code, stdout, stderr } = await runChild(input, { signal, timeoutMs });
    let answer: { token?: string; pid?: number; error?: string } = {};
    try {
      answer = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    } catch {
      answer = { error: session.options.target.redact(stderr.trim().split('\n').slice(-3).join(' ')) || `the child process exited with ${code}` };
    }
    const observed = { id: row.id, childExitCode: code, childPid: answer.pid ?? null, rowReadBack: answer.token === row.token };
    if (answer.error) throw Object.assign(new Error(answer.error), { observed });
    if (!observed.rowReadBack) return { status: 'fail', observed, message: 'a fresh process did not find the row written before', family: 'unknown' };
    return { status: 'pass', observed };
  },
};

function runChild(input: string, { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(error.name === 'AbortError' ? new Error('timeout expired: the probe time budget ran out while the fresh process read the row') : error));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
