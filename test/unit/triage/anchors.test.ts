// The literal prefilter must never skip a pattern that would match: every
// family pattern and near miss is run over every real text of the fixtures, and
// wherever it matches, the prefilter must have let it through.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { LiteralPrefilter, requiredLiterals, requirementOf, Requirements } from '../../../src/triage/anchors.ts';
import { triage } from '../../../src/triage/classify.ts';
import { CLIENT_MARKER_ANCHORS, detectClient } from '../../../src/triage/client.ts';
import { innerStructure, STRUCTURE_WORDS } from '../../../src/triage/inner-error.ts';
import { hardWrapWidth, normalize } from '../../../src/triage/normalize.ts';
import { FAMILIES } from '../../../src/triage/registry.ts';
import { readFixture } from '../../support/family-tester.ts';

test('required literals are read off alternations, groups and runs, and nothing optional is required', () => {
  assert.deepEqual(requiredLiterals(/password authentication failed/i), ['password authentication failed']);
  assert.deepEqual(requiredLiterals(/\b(?:ENOTFOUND|EAI_AGAIN)\b/), ['enotfound', 'eai_again']);
  assert.deepEqual(requiredLiterals(/server\s{1,8}closed\s{1,8}the connection/), ['the connection']);
  // An optional part, a class-only pattern and a too-short literal give no requirement (always tried).
  assert.equal(requiredLiterals(/(?:ECONNRESET)?\d+/), null);
  assert.equal(requiredLiterals(/[A-Z]{5}/), null);
  assert.equal(requiredLiterals(/P1|P2/), null);
  // A lookbehind adds no required text; the literal after it still counts.
  assert.deepEqual(requiredLiterals(/(?<!SSL )certificate verify failed/), ['certificate verify failed']);
  // A backreference or a unicode escape is not understood: always tried, never wrongly skipped.
  assert.equal(requiredLiterals(/(a)bc\1/), null);
  assert.equal(requiredLiterals(/\u00e9tabli/), null);
});

test('a short class of plain characters is read as its characters, in every combination with the literals around it', () => {
  assert.deepEqual(requiredLiterals(/\bP[1-3]0\d\d\b/), ['p10', 'p20', 'p30']);
  assert.deepEqual(requiredLiterals(/(?:^|\n)[\w-]{1,63}=[#>] /m), ['=# ', '=> ']);
  assert.deepEqual(requiredLiterals(/SSL[ _]error/), ['ssl error', 'ssl_error']);
  assert.deepEqual(requiredLiterals(/[-a]bc/), ['-bc', 'abc']);
  // A negated class, a class escape, a long range, a non-ASCII character: one character not pinned down.
  assert.equal(requiredLiterals(/x[^ab]yz/), null);
  assert.deepEqual(requiredLiterals(/[\d]abc/), ['abc']);
  assert.equal(requiredLiterals(/[a-z]{3}/), null);
  assert.deepEqual(requiredLiterals(/[éa]bcd/), ['bcd']);
  // A group of a few fixed strings, matched once, joins the run too.
  assert.deepEqual(requiredLiterals(/Error (?:selecting|opening) connection\b(?! to\b)/), ['error selecting connection', 'error opening connection']);
  assert.deepEqual(requiredLiterals(/(?<!SSL)(?:密码|口令)?(?:验证|认证)(?:错误|失败)/), ['验证错误', '验证失败', '认证错误', '认证失败']);
  assert.equal(requiredLiterals(/(?:ab|cd)?ef/), null);
  // Past 16 combinations the run so far is one candidate and the next starts at the class.
  assert.deepEqual(requiredLiterals(/[ab][cd][ef][gh][ij]xyz/), ['ixyz', 'jxyz']);
});

test('an anchor inside or overlapping another is still found', () => {
  const prefilter = new LiteralPrefilter([['connect etimedout'], ['etimedout'], ['connect'], ['timedout error']]);
  const present = prefilter.present('Error: connect ETIMEDOUT 10.0.0.1:5432');
  assert.deepEqual([...present].sort(), ['connect', 'connect etimedout', 'etimedout']);
  const overlapping = prefilter.present('connect etimedout error');
  assert.ok(overlapping.has('timedout error'));
});

test('the automaton finds exactly the anchors a search of the lower-cased text finds', () => {
  const anchorSets = FAMILIES.flatMap((family) => [...family.patterns, ...(family.nearMisses ?? [])]).map((p) => requiredLiterals(p.pattern));
  const anchors = [...new Set(anchorSets.flatMap((set) => set ?? []))];
  const prefilter = new LiteralPrefilter(anchorSets);
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const texts = names.flatMap((name) => readFixture<{ text: string }>(name).map((row) => row.text));
  // Case folded per character must equal toLowerCase of the whole: upper case, U+0130 (lower case
  // "i" + U+0307), the Kelvin sign (lower case "k"), final sigma, surrogate pairs, binary junk.
  const crafted = [
    ...texts.slice(0, 200).map((text) => text.toUpperCase()),
    'FATAL: PASSWORD AUTHENTICATION FAILED FOR USER "APP"',
    '\u0130password authentication failed \u0130\u0130ECONNREFUSED',
    'connection re\u212Aused, ETIMEDOUT \u212Aey',
    'ΣΣ too many clients ΣΑΣ \ud801\udc00 role "x" does not exist \ud801',
    Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 0x10000)).join('') + ' sorry, too many clients',
  ];
  const differences: string[] = [];
  for (const text of [...texts, ...crafted]) {
    const lower = text.toLowerCase();
    const expected = anchors.filter((anchor) => lower.includes(anchor)).sort();
    const found = [...prefilter.present(text)].sort();
    if (JSON.stringify(found) !== JSON.stringify(expected)) differences.push(text.slice(0, 80));
    const mayMatch = prefilter.candidates(text);
    anchorSets.forEach((set, index) => {
      if (mayMatch[index] !== (set === null || set.some((anchor) => lower.includes(anchor)) ? 1 : 0)) differences.push(`set ${index} on ${text.slice(0, 80)}`);
    });
  }
  assert.ok(texts.length > 1000);
  assert.deepEqual(differences, []);
});

test('the prefilter lets through every pattern that matches a real text', () => {
  const regexes = FAMILIES.flatMap((family) => [
    ...family.patterns.map((p) => ({ id: `${family.meta.id}/${p.id}`, regex: p.pattern })),
    ...(family.nearMisses ?? []).map((n) => ({ id: `${family.meta.id}/near-miss/${n.id}`, regex: n.pattern })),
  ]).map(({ id, regex }) => ({ id, regex: new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')), anchors: requiredLiterals(regex) }));
  const prefilter = new LiteralPrefilter(regexes.map((r) => r.anchors));
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  let checked = 0;
  const skippedMatches: string[] = [];
  for (const name of names) {
    for (const row of readFixture<{ id: string; text: string }>(name)) {
      const text = normalize(row.text).text;
      const present = prefilter.present(text);
      for (const { id, regex, anchors } of regexes) {
        if (!regex.test(text)) continue;
        checked++;
        if (!LiteralPrefilter.mayMatch(anchors, present)) skippedMatches.push(`${id} on ${name}:${row.id}`);
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} matches checked`);
  assert.deepEqual(skippedMatches, []);
});

test('every fixture text gets the same answer with the prefilter as without it', () => {
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const differences: string[] = [];
  for (const name of names) {
    for (const row of readFixture<{ id: string; text: string }>(name)) {
      const fast = triage(row.text);
      const full = triage(row.text, { prefilter: false });
      if (JSON.stringify(fast) !== JSON.stringify(full)) differences.push(`${name}:${row.id}`);
    }
  }
  assert.deepEqual(differences, []);
});

test('the prefilter lets through every client marker that matches a fixture text, as pasted or upper-cased', () => {
  const prefilter = new LiteralPrefilter(CLIENT_MARKER_ANCHORS);
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const texts = names.flatMap((name) => readFixture<{ text: string }>(name).map((row) => normalize(row.text).text));
  let matched = 0;
  const skipped: string[] = [];
  for (const text of [...texts, ...texts.map((text) => text.toUpperCase())]) {
    const mayMatch = prefilter.candidates(text);
    CLIENT_MARKER_ANCHORS.forEach((_, index) => {
      // Only marker `index` tried: its client when it matches, else null.
      const only = new Uint8Array(CLIENT_MARKER_ANCHORS.length);
      only[index] = 1;
      if (detectClient(text, only) === null) return;
      matched++;
      if (mayMatch[index] === 0) skipped.push(`marker ${index} on ${text.slice(0, 80)}`);
    });
  }
  assert.ok(matched > 1000, `only ${matched} marker matches checked`);
  assert.deepEqual(skipped, []);
});

test('hard-wrapped texts get the same answer with the prefilter (and its trigrams at the joins) as without it', () => {
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const texts = names.flatMap((name) => readFixture<{ text: string }>(name).map((row) => row.text));
  // A word cut at the wrap, with a log collector's prefix on the next line (kept by the unwrapped reading).
  const crafted = [
    'api-1  | 2024-05-01 10:00:00 sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not transl\napi-1  | ate host name "db" to address\nnext line',
    'web_1  | Error: P1001: Can\'t reach database server at `ep-cool-darkness-123456.us-east-2.aws.neon.tec\nweb_1  | h`:`5432`\n',
    `${'x'.repeat(60)} ECONNREFU\nSED 10.0.0.1:5432\n${'y'.repeat(69)}\nz`,
  ];
  const differences: string[] = [];
  let wrapped = 0;
  for (const text of [...texts.flatMap((text) => [text.replace(/[^\n]{60}/g, '$&\n'), text.replace(/[^\n]{80}/g, '$&\n')]), ...crafted]) {
    if (hardWrapWidth(text) > 0) wrapped++;
    if (JSON.stringify(triage(text)) !== JSON.stringify(triage(text, { prefilter: false }))) differences.push(text.slice(0, 80));
  }
  assert.ok(wrapped > 1000, `only ${wrapped} texts look hard-wrapped`);
  assert.deepEqual(differences, []);
});

test("inner-error's searches skipped by the prefilter's words find nothing: the same structure on every fixture text, as pasted, upper- and lower-cased", () => {
  const prefilter = new LiteralPrefilter(STRUCTURE_WORDS);
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const texts = names.flatMap((name) => readFixture<{ text: string }>(name).map((row) => normalize(row.text).text));
  let skipped = 0;
  const differences: string[] = [];
  for (const text of [...texts, ...texts.map((text) => text.toUpperCase()), ...texts.map((text) => text.toLowerCase())]) {
    const words = prefilter.candidates(text);
    skipped += words.filter((flag) => flag === 0).length;
    if (JSON.stringify(innerStructure(text, words)) !== JSON.stringify(innerStructure(text))) differences.push(text.slice(0, 80));
  }
  assert.ok(skipped > 10000, `only ${skipped} searches skipped`);
  assert.deepEqual(differences, []);
});

test("each of inner-error's words groups is what every match of its search holds", () => {
  // One text per group that its search reads, with every other group's words absent.
  const samples = [
    'error: x code: 28P01 y', // labelled code
    'FATAL 53300 (too_many_connections)', // severity and a snake condition
    'Npgsql (0x80004005): 28P01: password', // hex
    'psycopg2.errors.InvalidPassword: x', // camel condition
    'System.Exception: outer ---> System.IO.IOException: inner', // .NET chain
    'Exception: a\nCaused by: java.net.ConnectException: refused', // caused by
    'failed to connect: ** (DBConnection.ConnectionError) tcp connect: refused\nthe next log line', // Elixir: its reason ends with its line
    'SQLSTATE[08006] [7] connection refused', // PDO
    '{"code":"28P01","message":"password authentication failed"}', // JSON body
  ];
  const prefilter = new LiteralPrefilter(STRUCTURE_WORDS);
  for (const text of samples) {
    const words = prefilter.candidates(text);
    const none = new Uint8Array(words.length);
    // With its words reported the answer is the full one; with none reported something is left out.
    assert.deepEqual(innerStructure(text, words), innerStructure(text), text);
    assert.notDeepEqual(innerStructure(text, none), innerStructure(text), text);
  }
});

test('a requirement holds every anchor set of each alternative, and nothing an alternative may lack', () => {
  assert.deepEqual(requirementOf(/password\s+authentication\s+failed/i), [[['password'], ['authentication'], ['failed']]]);
  assert.deepEqual(requirementOf(/\bno pg_hba\.conf entry\b|(?:SSL|TLS) required/), [[['no pg_hba.conf entry']], [['ssl required', 'tls required']]]);
  // A set with a literal shorter than three characters is left out; an alternative left with none makes the pattern always tried.
  assert.deepEqual(requirementOf(/P1\d{3} reached/), [[[' reached']]]);
  assert.equal(requirementOf(/timeout|\d+s/), null);
  assert.deepEqual(requirementOf(/(?:abc)?def/), [[['def']]]);
  assert.equal(requirementOf(/(?:abc)?\d+/), null);
});

test('every family pattern and near miss that matches a real text, as pasted or upper-cased, meets its requirement', () => {
  const regexes = FAMILIES.flatMap((family) => [...family.patterns, ...(family.nearMisses ?? [])].map((p) => ({ id: `${family.meta.id}/${p.id}`, regex: new RegExp(p.pattern.source, p.pattern.flags.replace(/[gy]/g, '')) })));
  const requirements = new Requirements(regexes.map(({ regex }) => requirementOf(regex)));
  const prefilter = new LiteralPrefilter(requirements.sets);
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const texts = names.flatMap((name) => readFixture<{ text: string }>(name).map((row) => normalize(row.text).text));
  let checked = 0;
  const unmet: string[] = [];
  for (const text of [...texts, ...texts.map((text) => text.toUpperCase())]) {
    const met = requirements.met(prefilter.candidates(text));
    regexes.forEach(({ id, regex }, index) => {
      if (!regex.test(text)) return;
      checked++;
      if (met[index] === 0) unmet.push(`${id} on ${text.slice(0, 80)}`);
    });
  }
  assert.ok(checked > 3000, `only ${checked} matches checked`);
  assert.deepEqual(unmet, []);
});
