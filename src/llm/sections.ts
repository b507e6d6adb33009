// Reads a model's answer as it streams: `### key` lines open sections. A
// section is handed on only once the next heading (or the end) closes it, so
// the guard always sees a section whole before anything shows it.

export interface RawSection {
  key: string;
  text: string;
}

const HEADING = /^\s{0,3}#{1,6}\s*`?([A-Za-z0-9_.-]+)`?\s*:?\s*$/;

export class SectionReader {
  #buffer = '';
  #current: RawSection | null = null;
  #preambleChars = 0;

  /** Characters written before the first heading (never shown). */
  get preambleChars(): number {
    return this.#preambleChars;
  }

  /** Takes a chunk; returns the sections it closed. */
  push(chunk: string): RawSection[] {
    this.#buffer += chunk;
    const closed: RawSection[] = [];
    let newline: number;
    while ((newline = this.#buffer.indexOf('\n')) !== -1) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      this.#line(line, closed);
    }
    return closed;
  }

  /** The end of the answer: returns the last section, if any. */
  end(): RawSection[] {
    const closed: RawSection[] = [];
    if (this.#buffer !== '') this.#line(this.#buffer, closed);
    this.#buffer = '';
    if (this.#current !== null) closed.push(finish(this.#current));
    this.#current = null;
    return closed;
  }

  #line(line: string, closed: RawSection[]): void {
    const heading = HEADING.exec(line);
    if (heading !== null) {
      if (this.#current !== null) closed.push(finish(this.#current));
      this.#current = { key: heading[1] as string, text: '' };
    } else if (this.#current !== null) {
      this.#current.text += `${line}\n`;
    } else {
      this.#preambleChars += line.trim().length;
    }
  }
}

function finish(section: RawSection): RawSection {
  return { key: section.key, text: section.text.trim() };
}
