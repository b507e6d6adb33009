// The keyword/value form, as libpq's conninfo_parse (fe-connect.c):
// whitespace-separated `keyword = value`; a value is either single-quoted
// (backslash escapes any character, '' is an empty value) or runs to the next
// whitespace (backslash escapes there too). Whitespace after '=' is skipped,
// so `host= port=5` sets host to "port=5". Whitespace is C isspace() in the
// C locale: space, \t, \n, \v, \f, \r.
import { fail, type OptionStore } from './conninfo-store.ts';
import { isSecretKeyword } from './libpq-options.ts';

export function isCSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

export function parseKeywordValue(text: string, store: OptionStore): void {
  const len = text.length;
  const secrets: string[] = [];
  const secretList = () => secrets;
  let afterUnquotedSecret = false;
  let i = 0;
  while (i < len) {
    if (isCSpace(text[i])) {
      i++;
      continue;
    }
    const nameStart = i;
    let nameEnd = -1;
    while (i < len) {
      if (text[i] === '=') break;
      if (isCSpace(text[i])) {
        nameEnd = i;
        i++;
        while (i < len && isCSpace(text[i])) i++;
        break;
      }
      i++;
    }
    const name = text.slice(nameStart, nameEnd === -1 ? i : nameEnd);
    if (text[i] !== '=') {
      // A bare word right after an unquoted password is most likely the rest
      // of a password that held a space.
      fail('missing_equals', `missing "=" after "${name}" in connection info string`, afterUnquotedSecret ? [...secrets, name] : secrets);
    }
    i++;
    while (i < len && isCSpace(text[i])) i++;
    let value = '';
    const valueStart = i;
    const quoted = text[i] === "'";
    if (!quoted) {
      while (i < len) {
        const c = text[i] as string;
        if (isCSpace(c)) {
          i++;
          break;
        }
        if (c === '\\') {
          i++;
          if (i < len) value += text[i++];
        } else {
          value += c;
          i++;
        }
      }
    } else {
      i++;
      for (;;) {
        if (i >= len) fail('unterminated_quote', 'unterminated quoted string in connection info string', secrets);
        const c = text[i] as string;
        if (c === '\\') {
          i++;
          if (i < len) value += text[i++];
          continue;
        }
        if (c === "'") {
          i++;
          break;
        }
        value += c;
        i++;
      }
    }
    const secret = isSecretKeyword(name);
    const written = text.slice(valueStart, i).trim();
    if (secret && value !== '') {
      secrets.push(value, written);
      store.secrets.push(written);
    }
    if (!store.store(name, value, false, secretList)) {
      // An unknown keyword right after an unquoted password is most likely
      // the rest of a password that held a space.
      fail('invalid_option', `invalid connection option "${name}"`, afterUnquotedSecret ? [...secrets, name, value, written] : secrets);
    }
    afterUnquotedSecret = secret && !quoted;
  }
}
