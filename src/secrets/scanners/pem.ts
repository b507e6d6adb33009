// PEM private keys, hidden whole from BEGIN to END: RFC 7468 labels
// "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", and the older "RSA/EC/DSA/OPENSSH
// PRIVATE KEY" (gitleaks rule private-key reads the same block). A block cut
// short (no END line) is hidden to the end of the text.
import type { Span } from './types.ts';

const BEGIN = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;

export function scanPrivateKeys(text: string): Span[] {
  const spans: Span[] = [];
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    END.lastIndex = m.index + m[0].length;
    const end = END.exec(text);
    const stop = end === null ? text.length : end.index + end[0].length;
    spans.push({ kind: 'private_key', start: m.index, end: stop });
    // With no END, every later BEGIN is already inside this span.
    BEGIN.lastIndex = stop;
  }
  return spans;
}
