import type { FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'port_misread', severity: 'warn', description: 'libpq reads a different port than the one written or meant.' },
  check(ctx) {
    const ok = ctx.ok;
    if (ok === undefined) return [];
    const out = [];
    const port = ok.options.port;
    if (ok.assignments.filter((k) => k === 'port').length > 1) {
      out.push({ severity: 'warn' as const, message: `The port is given more than once; libpq uses the last one: ${ctx.safe(port ?? '')}.`, fix: 'Give the port once (host:port in a URI).' });
    }
    if (port !== undefined && port !== '') {
      for (const p of port.split(',')) {
        if (p !== '' && !/^\d+$/.test(p)) {
          out.push({
            severity: 'error' as const,
            message: `"${ctx.safe(p)}" is not a port number; libpq reads everything between ':' and the next '/', '?' or ',' as the port${/[:@]/.test(p) ? ' (a second \':\' or an \'@\' here usually means an unencoded character in the password)' : ''}.`,
            fix: 'Write host:port with a number (5432 by default), and percent-encode the password.',
          });
          break;
        }
      }
    }
    if (ok.options.host === undefined && port !== undefined && ctx.meant.form === 'uri') {
      out.push({ severity: 'info' as const, message: 'A port without a host: libpq applies it to the local Unix socket (/var/run/postgresql/.s.PGSQL.<port>), not to a TCP host.', fix: 'Name the host: postgresql://host:port/db.' });
    }
    return out;
  },
};
