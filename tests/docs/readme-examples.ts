/**
 * The README's shell examples as data: each `curl` to the local server, translated to a request for `app.inject`,
 * with its jq filter and the numbers the comment lines after it state. Used by tests/docs/readme.test.ts.
 *
 * The rule for a stated number (written here once, so a README author can follow it):
 * - The claims of a command are its trailing `# …` comment and the `# …` lines right after it, up to a blank line or
 *   the next command (a comment above a command, after a blank line, introduces that command and states nothing).
 * - A claim is a number standing alone in that text: `2,616.2`, `36.36 %`, `0.5005`, `2025`. Digits inside a word or an
 *   id (`usgs-mcs-2026`, `t1`, `SI_SR`) are not claims. Text in square brackets or backticks is context, not a claim:
 *   `[EU CRM 2023 shares]`, a request body in backticks.
 * - A claim holds when some number in the answer (the jq output, or the body when there is no jq), rounded to the
 *   claim's decimals, equals it: `0.518` holds for 0.5184, `36.4 %` for 36.36. A percentage (`50 %`) also holds for a
 *   fraction of the answer times 100 (0.5005), since reliance, exposure and loss are fractions 0–1. The answer's
 *   numbers include those inside strings and ids (`usgs-mcs-2026` gives 2026, `"2026-12-02"` gives 2026, 12, 2).
 */

export interface ReadmeRequest {
  method: string;
  /** Path and query, as the server sees them. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface ReadmeCommand {
  /** 1-based line of README.md where the command starts. */
  line: number;
  /** The command as written (continuation lines joined). */
  text: string;
  request: ReadmeRequest | null;
  /** Why the command cannot be run here (shell variables, options the translation does not know); null when it can. */
  unsupported: string | null;
  jq: { filter: string; flags: string[] } | null;
  /** The comment lines that state what the answer holds, with their README line numbers. */
  claims: { line: number; text: string }[];
}

export interface StatedNumber {
  /** As written, e.g. `2,616.2` or `36.36 %`. */
  written: string;
  value: number;
  decimals: number;
  percent: boolean;
}

/** Local server addresses the README's examples use. */
const LOCAL = /^(?:https?:\/\/)?(?:127\.0\.0\.1|localhost):3000(\/.*)?$/;

/** Splits a shell line into words (single and double quotes, backslash escapes), stopping at an unquoted `#` comment. */
function shellWords(line: string): { words: string[]; operators: (string | null)[]; comment: string | null } {
  const words: string[] = [];
  /** The operator (`|`, `>`) right before each word, if any. */
  const operators: (string | null)[] = [];
  let current: string | null = null;
  let pendingOperator: string | null = null;
  let index = 0;
  const flush = () => {
    if (current !== null) {
      words.push(current);
      operators.push(pendingOperator);
      pendingOperator = null;
      current = null;
    }
  };
  while (index < line.length) {
    const char = line[index]!;
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) throw new Error(`unterminated ' in: ${line}`);
      current = (current ?? '') + line.slice(index + 1, end);
      index = end + 1;
    } else if (char === '"') {
      let value = '';
      index++;
      while (index < line.length && line[index] !== '"') {
        if (line[index] === '\\' && index + 1 < line.length) index++;
        value += line[index];
        index++;
      }
      if (index >= line.length) throw new Error(`unterminated " in: ${line}`);
      current = (current ?? '') + value;
      index++;
    } else if (char === '\\' && index + 1 < line.length) {
      current = (current ?? '') + line[index + 1];
      index += 2;
    } else if (/\s/.test(char)) {
      flush();
      index++;
    } else if (char === '#' && current === null) {
      flush();
      return { words, operators, comment: line.slice(index + 1).trim() };
    } else if (char === '|' || char === '>') {
      flush();
      pendingOperator = char;
      index++;
    } else {
      current = (current ?? '') + char;
      index++;
    }
  }
  flush();
  return { words, operators, comment: null };
}

/** Translates curl's words to a request; throws with the reason when an option is not one the translation knows. */
function curlRequest(words: readonly string[]): ReadmeRequest {
  let method: string | null = null;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let target: string | null = null;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    const next = () => {
      const value = words[++index];
      if (value === undefined) throw new Error(`${word} needs a value`);
      return value;
    };
    if (word === '-s' || word === '--silent' || word === '-S') continue;
    if (word === '-X' || word === '--request') method = next();
    else if (word === '-H' || word === '--header') {
      const header = next();
      const colon = header.indexOf(':');
      if (colon === -1) throw new Error(`header without a colon: ${header}`);
      headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    } else if (word === '-d' || word === '--data' || word === '--data-raw') body = next();
    else if (word.startsWith('-')) throw new Error(`curl option ${word} is not translated`);
    else if (target === null) target = word;
    else throw new Error(`a second URL: ${word}`);
  }
  const local = target?.match(LOCAL);
  if (!target || !local) throw new Error(`not a request to the local server: ${target}`);
  // What curl sends by itself: Accept */*, and a form content type (and POST) with -d.
  if (headers.accept === undefined) headers.accept = '*/*';
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url: local[1] ?? '/', headers, body };
}

/** Every curl command to the local server in the README's `sh` blocks, in order. */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let inShell = false;
  let current: ReadmeCommand | null = null;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (/^```/.test(raw)) {
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(raw);
      current = null;
      continue;
    }
    if (!inShell) continue;
    const trimmed = raw.trim();
    if (trimmed === '') {
      current = null;
      continue;
    }
    if (trimmed.startsWith('#')) {
      current?.claims.push({ line: index + 1, text: trimmed.slice(1).trim() });
      continue;
    }
    // A command, with its continuation lines.
    const start = index;
    let text = trimmed;
    while (text.endsWith('\\') && index + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++index]!.trim()}`;
    current = null;
    if (!/^curl\s/.test(text)) continue;
    const { words, operators, comment } = shellWords(text);
    const command: ReadmeCommand = { line: start + 1, text, request: null, unsupported: null, jq: null, claims: [] };
    if (comment) command.claims.push({ line: index + 1, text: comment });
    commands.push(command);
    current = command;
    try {
      if (/\$[({A-Za-z_]/.test(text.replace(/'[^']*'/g, ''))) throw new Error('uses a shell variable or command substitution');
      const pipe = operators.indexOf('|');
      const redirect = operators.indexOf('>');
      const curlEnd = [pipe, redirect].filter((position) => position !== -1).sort((a, b) => a - b)[0] ?? words.length;
      command.request = curlRequest(words.slice(0, curlEnd));
      if (pipe !== -1) {
        const jqWords = words.slice(pipe, redirect === -1 ? undefined : redirect);
        if (jqWords[0] !== 'jq' || operators.slice(pipe + 1, pipe + jqWords.length).some((operator) => operator !== null)) {
          throw new Error('only one jq after curl is translated');
        }
        const flags = jqWords.slice(1, -1);
        if (flags.some((flag) => !/^-[rcSj]$/.test(flag))) throw new Error(`jq flags ${flags.join(' ')} are not translated`);
        command.jq = { filter: jqWords.at(-1)!, flags };
      }
    } catch (error) {
      command.request = null;
      command.unsupported = (error as Error).message;
    }
  }
  return commands;
}

/** The numbers a claim states: standalone numbers outside square brackets and backticks. */
export function statedNumbers(text: string): StatedNumber[] {
  const outsideBrackets = text.replace(/\[[^\]]*\]|`[^`]*`/g, ' ');
  const numbers: StatedNumber[] = [];
  // Not after a letter, digit, `_`, `-`, `.` or `/`; not before a letter or digit (units after a space are fine: "40,000 t").
  const pattern = /(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])(\s?%)?/g;
  for (const match of outsideBrackets.matchAll(pattern)) {
    const [written, whole, fraction, percent] = match as unknown as [string, string, string | undefined, string | undefined];
    numbers.push({
      written: written.trim(),
      value: Number(`${whole.replaceAll(',', '')}${fraction ?? ''}`),
      decimals: fraction ? fraction.length - 1 : 0,
      percent: percent !== undefined,
    });
  }
  return numbers;
}

/** Every number in an answer's text, inside strings and ids too. */
export function answerNumbers(text: string): number[] {
  return [...text.matchAll(/(?<![\d.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)].map((match) => {
    // A hyphen between two digits or after a letter ("2026-12", "mcs-2026") joins, it is not a minus.
    const before = text[match.index! - 1];
    const value = Number(match[0]);
    return match[0].startsWith('-') && before !== undefined && /[\w]/.test(before) ? Math.abs(value) : value;
  });
}

/** Does the answer hold the stated number, rounded to the number of decimals it is stated with? */
export function holds(stated: StatedNumber, answer: readonly number[]): boolean {
  const tolerance = 0.5 * 10 ** -stated.decimals + 1e-9;
  return answer.some(
    (value) => Math.abs(value - stated.value) <= tolerance || (stated.percent && Math.abs(value * 100 - stated.value) <= tolerance),
  );
}
