// One zod schema per body pgtriage accepts, shared by the HTTP routes and the
// CLI's JSON Lines records; a failure is the catalogue's error, never a 500.
import { z } from 'zod';
import { errors, type ErrorCode } from './errors.ts';
import { STEP_ANSWERS } from './triage/runbook-state.ts';

/** The longest text accepted anywhere: a pasted error with the lines around it, not a whole log. */
export const MAX_TEXT_CHARS = 64 * 1024;

// PostgreSQL cannot store NUL in text or jsonb (22P05 untranslatable_character,
// "\u0000 cannot be converted to text") nor a lone UTF-16 surrogate, which has
// no UTF-8 form (22P02 / 22021): both become U+FFFD, the replacement character
// (the WHATWG Encoding Standard's "UTF-8 encode" does the same for a lone surrogate).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

const Text = z
  .string({ error: '"text" must be a string' })
  .max(MAX_TEXT_CHARS, { error: `"text" is longer than ${MAX_TEXT_CHARS} characters; paste the error and the lines around it` })
  .refine((text) => text.trim() !== '', { error: '"text" must not be empty' })
  .transform(storableText);

/** POST /api/triage and POST /api/parse. */
export const TextBody = z.object({ text: Text }, { error: 'send a JSON object: {"text": "..."}' });

/** POST /api/doctor: `{}` or `{"sanity": true}`. */
export const DoctorBody = z.object(
  { sanity: z.boolean({ error: '"sanity" must be true or false' }).optional() },
  { error: 'send {} or {"sanity": true}' },
);

const CHECKLIST_SHAPE = 'send {"description": "..."} and/or {"env": "<your .env or .env.example>"}, optionally with "gitignore"';

/** What the secret checklist reads; `prefix` names the fields where they sit (`checklist.` in a message). */
function checklistFields(prefix: string) {
  const field = (name: string) =>
    z
      .string({ error: `"${prefix}${name}" must be a string` })
      .max(MAX_TEXT_CHARS, { error: `"${prefix}${name}" is longer than ${MAX_TEXT_CHARS} characters` })
      .transform(storableText)
      .optional();
  return { description: field('description'), env: field('env'), gitignore: field('gitignore') };
}

const describesAnApp = (body: { description?: string; env?: string }) => (body.description ?? '').trim() !== '' || (body.env ?? '').trim() !== '';

/** POST /api/checklist: a description and/or a .env (or .env.example), optionally the .gitignore. */
export const ChecklistBody = z.object(checklistFields(''), { error: CHECKLIST_SHAPE }).refine(describesAnApp, { error: CHECKLIST_SHAPE });

/** One line of `pgtriage triage --jsonl` / `parse --jsonl`. */
export const TextRecord = TextBody.extend({ id: z.unknown().optional() });

const Answer = z.object(
  {
    stepId: z.string({ error: '"answer.stepId" must be a string' }).max(200, { error: '"answer.stepId" is too long' }),
    answer: z.enum(STEP_ANSWERS, { error: `"answer.answer" must be one of ${STEP_ANSWERS.join(', ')}` }),
  },
  { error: '"answer" must be {"stepId": "...", "answer": "confirmed"|"ruled_out"|"resolved"|"not_resolved"}' },
);

const Verify = z.object(
  { stepId: z.string({ error: '"verify.stepId" must be a string' }).min(1, { error: '"verify.stepId" must not be empty' }).max(200, { error: '"verify.stepId" is too long' }) },
  { error: '"verify" must be {"stepId": "..."}' },
);

const Checklist = z
  .object(checklistFields('checklist.'), { error: '"checklist" must be {"description"?: "...", "env"?: "...", "gitignore"?: "..."}' })
  .refine(describesAnApp, { error: '"checklist" needs a "description" of the app or its "env" (a .env or .env.example), or both' });

/** A tick of one item of the conversation's secret checklist (its id as the checklist reply gives it). */
const Tick = z.object(
  {
    itemId: z.string({ error: '"tick.itemId" must be a string' }).min(1, { error: '"tick.itemId" must not be empty' }).max(300, { error: '"tick.itemId" is too long' }),
    done: z.boolean({ error: '"tick.done" must be true or false' }),
  },
  { error: '"tick" must be {"itemId": "...", "done": true|false}' },
);

const MESSAGE_KINDS = 'exactly one of {"text": "..."}, {"answer": {...}}, {"switch": "accept"|"decline"}, {"verify": {"stepId": "..."}}, {"checklist": {...}} or {"tick": {"itemId", "done"}}';

/** POST /api/conversations/:id/messages: exactly one of text, answer, switch, verify, checklist, tick. */
export const MessageBody = z
  .object(
    {
      text: Text.optional(),
      answer: Answer.optional(),
      switch: z.enum(['accept', 'decline'], { error: '"switch" must be "accept" or "decline"' }).optional(),
      verify: Verify.optional(),
      checklist: Checklist.optional(),
      tick: Tick.optional(),
    },
    { error: `send a JSON object: ${MESSAGE_KINDS}` },
  )
  .refine((body) => [body.text, body.answer, body.switch, body.verify, body.checklist, body.tick].filter((value) => value !== undefined).length === 1, {
    error: `send ${MESSAGE_KINDS}`,
  })
  .transform(
    (body):
      | { text: string }
      | { answer: { stepId: string; answer: (typeof STEP_ANSWERS)[number] } }
      | { switch: 'accept' | 'decline' }
      | { verify: { stepId: string } }
      | { checklist: { description?: string; env?: string; gitignore?: string } }
      | { tick: { itemId: string; done: boolean } } => {
      if (body.text !== undefined) return { text: body.text };
      if (body.answer !== undefined) return { answer: body.answer };
      if (body.verify !== undefined) return { verify: body.verify };
      if (body.checklist !== undefined) return { checklist: body.checklist };
      if (body.tick !== undefined) return { tick: body.tick };
      return { switch: body.switch as 'accept' | 'decline' };
    },
  );

export type MessageInput = z.output<typeof MessageBody>;

/**
 * The Idempotency-Key header of a message post (the IETF httpapi draft's
 * header; Stripe's keys are up to 255 characters): printable ASCII.
 */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { error: 'Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID' })
  .optional();

/** The most messages a conversation holds; a page never holds more. */
export const MAX_CONVERSATION_MESSAGES = 500;

/** GET /api/conversations/:id?after=SEQ&limit=N: the messages after seq `after`, at most `limit`. */
export const PageQuery = z.object({
  after: z.coerce.number({ error: '"after" must be a message seq' }).int({ error: '"after" must be a whole number' }).min(0, { error: '"after" must be 0 or more' }).default(0),
  limit: z.coerce
    .number({ error: '"limit" must be a number' })
    .int({ error: '"limit" must be a whole number' })
    .min(1, { error: '"limit" must be at least 1' })
    .max(MAX_CONVERSATION_MESSAGES, { error: `"limit" must be at most ${MAX_CONVERSATION_MESSAGES}` })
    .default(MAX_CONVERSATION_MESSAGES),
});

export type Page = z.output<typeof PageQuery>;

// Fields that carry a paste: over MAX_TEXT_CHARS they are 413, like an over-size body.
const PASTED_FIELDS = new Set(['text', 'description', 'env', 'gitignore']);

/**
 * The body as its schema reads it, or the catalogue's error: `code` for a
 * wrong shape, PGT_ERR_TOO_LARGE (413) for text over MAX_TEXT_CHARS.
 */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const tooLarge = result.error.issues.some((each) => each.code === 'too_big' && PASTED_FIELDS.has(String(each.path.at(-1))));
  return throwError(tooLarge ? 'PGT_ERR_TOO_LARGE' : code, issue?.message);
}

function throwError(code: ErrorCode, message: string | undefined): never {
  throw new errors[code]({ message, details: code === 'PGT_ERR_TOO_LARGE' ? { maxChars: MAX_TEXT_CHARS } : {} });
}
