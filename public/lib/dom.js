// DOM helpers. Every string goes in as a text node, never as markup: pasted
// text and server replies are untrusted.

/** el('p', {class: 'x', data: {id: 1}}, 'text', child) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Text with `backtick` spans shown as code (runbook and finding texts mark commands that way). */
export function richText(text) {
  const parts = String(text ?? '').split('`');
  // An odd count of backticks leaves the last span open: show it as text.
  return parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? el('code', {}, part) : i % 2 === 1 ? `\`${part}` : part));
}

/** The `backtick` spans of a text that read as shell commands or SQL to run (a program name then arguments). */
export function commandsIn(text) {
  const parts = String(text ?? '').split('`');
  const spans = parts.filter((_, i) => i % 2 === 1 && i < parts.length - 1);
  return spans.filter((span) => /^[a-z][\w.+-]*\s+\S/.test(span) && !/^[a-z][\w.+-]*[(=]/.test(span));
}

/** The pasted text with every `<redacted>` marker made visible as such. */
export function withRedactions(text) {
  return String(text ?? '')
    .split(/(<redacted>)/)
    .map((part) => (part === '<redacted>' ? el('span', { class: 'redacted', title: 'A secret was here; it was removed before anything stored it' }, part) : part));
}

let idCounter = 0;
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
