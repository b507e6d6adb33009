// prompts/<id>.md as messages: the `## system` section as the system message,
// the `## user` section as the user message with each `{{key}}` replaced by
// that fact as a fenced JSON block. JSON.stringify puts no raw line break in a
// string, so nothing inside a fact can close the fence or start a line of its own.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Facts, PromptId } from './types.ts';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export interface PromptTemplate {
  id: PromptId;
  system: string;
  user: string;
  /** The `{{key}}` placeholders of the user section, in order. */
  placeholders: string[];
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export function readPromptTemplate(id: PromptId, dir = PROMPTS_DIR): PromptTemplate {
  const text = readFileSync(`${dir}${id}.md`, 'utf8');
  const system = sectionOf(text, 'system');
  const user = sectionOf(text, 'user');
  if (system === null || user === null) throw new Error(`prompts/${id}.md needs a "## system" and a "## user" section`);
  return { id, system, user, placeholders: [...user.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string) };
}

function sectionOf(text: string, name: string): string | null {
  const match = new RegExp(`^## ${name}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text);
  return match ? (match[1] as string).trim() : null;
}

export function renderMessages(template: PromptTemplate, facts: Facts): ChatMessage[] {
  const user = template.user.replace(/\{\{(\w+)\}\}/g, (_whole, key: string) => {
    if (!(key in facts)) throw new Error(`prompts/${template.id}.md uses {{${key}}}, which the facts lack`);
    return `~~~json\n${JSON.stringify(facts[key], null, 2)}\n~~~`;
  });
  return [
    { role: 'system', content: template.system },
    { role: 'user', content: user },
  ];
}
