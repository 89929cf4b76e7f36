/** Small DOM helpers shared by the views: elements, numbers with citations, tables, toolbars, loading and errors. */
import { ApiError, loadSources, type Schemas } from './api';

type Leaf = Node | string | number | null | undefined | false;
export type Child = Leaf | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h('a', { href }, 'text')`: an element with attributes (on* → listeners) and children (falsy skipped). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children.flat(Infinity as 1) as Leaf[]) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

// ---- numbers --------------------------------------------------------------------------------------------------

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDp = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export const fmt = {
  /** Tonnes or an index, grouped. */
  // Null where a figure is not a tonnage (a share-based stage): shown as a dash, never as 0.
  int: (value: number | null) => (value === null ? '—' : integer.format(value)),
  /** HHI as published (one decimal). */
  hhi: (value: number) => oneDp.format(value),
  /** A `share` field: already a percentage (0–100). */
  share: (value: number) => `${twoDp.format(value)} %`,
  /** A fraction (reliance, exposure, loss): 0–1 shown as a percentage, at the API's precision (4 dp → 2 dp). */
  fraction: (value: number) => `${twoDp.format(value * 100)} %`,
  plain: (value: number) => twoDp.format(value),
  /** A figure's time: its data year, or a share table's reference period ("shares" when space is short). */
  when: (figure: { year: number | null; period?: string | null }, short = false) =>
    figure.year !== null ? String(figure.year) : short ? 'shares' : `shares, ${figure.period ?? 'period not stated'}`,
};

/** A change with its sign: + for a rise, − (minus sign) for a fall, none for no change. */
export const signed = (value: number, format: (v: number) => string) =>
  `${value > 0 ? '+' : value < 0 ? '−' : ''}${format(Math.abs(value))}`;

// ---- citations ------------------------------------------------------------------------------------------------

let sources = new Map<string, Schemas['Source']>();

/** Resolves once every source's citation is known (what cited() needs); started by main.ts before any view. */
export async function sourcesReady(): Promise<void> {
  sources = await loadSources();
}

export function citation(id: string): string {
  return sources.get(id)?.citation ?? id;
}

/** Where a source link goes: the publication when the source has a URL, else the API's own record of it. */
export function sourceHref(id: string): string {
  return sources.get(id)?.url ?? `/v1/sources/${encodeURIComponent(id)}`;
}

/**
 * A number with its source: its citation shows on hover and on keyboard focus (the shared #tip), and it links to the
 * source. `note` adds context to the tip (e.g. "estimated").
 */
export function cited(text: string, sourceIds: readonly string[], note?: string): HTMLElement {
  const ids = sourceIds.filter(Boolean);
  if (ids.length === 0) return h('span', { class: 'uncited', title: note ?? 'computed by the API' }, text);
  return h(
    'a',
    {
      class: 'cited',
      href: sourceHref(ids[0]!),
      target: '_blank',
      rel: 'noopener',
      'data-sources': ids.join(' '),
      'data-note': note,
      'aria-describedby': 'tip',
    },
    text,
  );
}

/** A link to one source, labelled with its citation. */
export function sourceLink(id: string): HTMLElement {
  return h('a', { href: sourceHref(id), target: '_blank', rel: 'noopener', 'data-sources': id, 'aria-describedby': 'tip' }, id);
}

/** Shows the citation of the [data-sources] element under the pointer or the keyboard focus. */
export function installTooltips(): void {
  const tip = document.getElementById('tip')!;
  let owner: Element | null = null;
  const show = (target: EventTarget | null) => {
    const element = target instanceof Element ? target.closest('[data-sources],[data-tip]') : null;
    if (!element) return;
    owner = element;
    tip.replaceChildren();
    const extra = element.getAttribute('data-tip');
    if (extra) tip.append(h('p', {}, extra));
    const note = element.getAttribute('data-note');
    if (note) tip.append(h('p', {}, h('em', {}, note)));
    for (const id of (element.getAttribute('data-sources') ?? '').split(' ').filter(Boolean)) {
      tip.append(h('p', {}, `Source: ${citation(id)}`));
    }
    tip.hidden = false;
    const box = element.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  };
  const hide = (target: EventTarget | null) => {
    if (target instanceof Element && owner && (target === owner || owner.contains(target))) {
      tip.hidden = true;
      owner = null;
    }
  };
  document.addEventListener('mouseover', (event) => show(event.target));
  document.addEventListener('focusin', (event) => show(event.target));
  document.addEventListener('mouseout', (event) => hide(event.target));
  document.addEventListener('focusout', (event) => hide(event.target));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      tip.hidden = true;
      owner = null;
    }
  });
}

// ---- tables ---------------------------------------------------------------------------------------------------

export interface Column<Row> {
  label: string;
  numeric?: boolean;
  cell: (row: Row) => Child;
}

export function table<Row>(caption: string, columns: Column<Row>[], rows: readonly Row[], attrs: Attrs = {}): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      attrs,
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((column) => h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((column) => h('td', { class: column.numeric ? 'num' : null }, column.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** A chart's table alternative, folded under it. */
export function alternative(content: HTMLElement, label = 'Show the data as a table'): HTMLElement {
  return h('details', { class: 'alt' }, h('summary', {}, label), content);
}

// ---- toolbar: CSV and curl ------------------------------------------------------------------------------------

export interface CsvLink {
  label: string;
  /** A GET URL answering text/csv (?format=csv). */
  href?: string;
  /** A POSTed computation: fetched with Accept: text/csv and saved. */
  post?: { url: string; body: unknown; filename: string };
}

async function downloadPosted(post: NonNullable<CsvLink['post']>, button: HTMLButtonElement, status: HTMLElement) {
  button.disabled = true;
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      headers: { accept: 'text/csv', 'content-type': 'application/json' },
      body: JSON.stringify(post.body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new ApiError(response.status, problem, `POST ${post.url}`);
    }
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const link = h('a', { href, download: post.filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    status.textContent = `Saved ${post.filename}`;
  } catch (error) {
    status.textContent = `CSV download failed: ${(error as Error).message}`;
  } finally {
    button.disabled = false;
  }
}

async function copyText(text: string, source: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  // Plain HTTP on another host has no clipboard API: select the visible command and copy that.
  const range = document.createRange();
  range.selectNodeContents(source);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return document.execCommand('copy');
}

/** "Download CSV" (the API's own CSV) and "Copy curl" for the request behind a view. */
export function toolbar(options: { csv: CsvLink[]; curl: string; label?: string }): HTMLElement {
  const status = h('span', { class: 'copied', role: 'status' });
  const curlText = h('pre', { class: 'curl', 'aria-label': 'curl command for this view' }, options.curl);
  const copy = h('button', { type: 'button', 'data-action': 'copy-curl' }, 'Copy curl') as HTMLButtonElement;
  copy.addEventListener('click', async () => {
    const done = await copyText(options.curl, curlText);
    status.textContent = done ? 'curl command copied' : 'Select the command below and copy it';
  });
  const csv = options.csv.map((link) => {
    if (link.href) return h('a', { class: 'button', href: link.href, download: '', 'data-action': 'download-csv' }, `⬇ ${link.label}`);
    const button = h('button', { type: 'button', 'data-action': 'download-csv' }, `⬇ ${link.label}`) as HTMLButtonElement;
    button.addEventListener('click', () => void downloadPosted(link.post!, button, status));
    return button;
  });
  return h('div', { class: 'toolbar', role: 'group', 'aria-label': options.label ?? 'Data for this view' }, csv, copy, status, curlText);
}

// ---- loading and errors ---------------------------------------------------------------------------------------

export function loading(what = 'Loading…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, what);
}

/** A failed request in words: the problem's title and detail, and each field error. */
export function problemBox(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) {
    return h(
      'div',
      { class: 'problem', role: 'alert' },
      h('h2', {}, 'Something went wrong'),
      h('p', {}, String((error as Error)?.message ?? error)),
    );
  }
  const problem = error.problem;
  return h(
    'div',
    { class: 'problem', role: 'alert', 'data-status': error.status },
    h('h2', {}, problem?.title ?? `Request failed (HTTP ${error.status})`),
    problem?.detail ? h('p', { 'data-problem-detail': '' }, problem.detail) : null,
    problem?.errors?.length
      ? h(
          'ul',
          {},
          problem.errors.map((item) => h('li', {}, h('code', {}, item.field), ': ', item.message)),
        )
      : null,
    h('p', { class: 'note' }, `${error.what} → HTTP ${error.status}${problem?.code ? ` (${problem.code})` : ''}`),
  );
}

export function announce(message: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

/** The mineral selector of a view, bound to `?mineral=`; `any` adds a first option for every mineral. */
export function mineralField(
  minerals: readonly { id: string; name: string }[],
  value: string,
  onChange: (value: string) => void,
  any?: string,
): HTMLElement {
  const options = minerals.map((mineral) => ({ value: mineral.id, label: mineral.name }));
  return selectField('Mineral', 'mineral', any === undefined ? options : [{ value: '', label: any }, ...options], value, onChange);
}

/** A labelled choice among options, bound to one value. */
type ChoiceField = (
  label: string,
  name: string,
  options: { value: string; label: string }[],
  value: string,
  onChange: (value: string) => void,
) => HTMLElement;

/** A labelled <select>. */
export const selectField: ChoiceField = (label, name, options, value, onChange) => {
  const id = `field-${name}`;
  const select = h(
    'select',
    { id, name },
    options.map((option) => h('option', { value: option.value, selected: option.value === value }, option.label)),
  );
  select.addEventListener('change', () => onChange(select.value));
  return h('div', { class: 'field' }, h('label', { for: id }, label), select);
};

/** A labelled group of radio buttons. */
export const radioField: ChoiceField = (label, name, options, value, onChange) =>
  h(
    'fieldset',
    { class: 'radios field' },
    h('legend', {}, label),
    options.map((option) => {
      const input = h('input', { type: 'radio', name, value: option.value, checked: option.value === value });
      input.addEventListener('change', () => input.checked && onChange(option.value));
      return h('label', {}, input, option.label);
    }),
  );

// ---- caveats --------------------------------------------------------------------------------------------------

/**
 * A link to the quality report (GET /v1/quality) for one mineral and kind of caveat: one click from any caveat to every
 * reconciled total, break, period-based stage, empty stage or censored value behind it. Keeps the chosen edition.
 */
export function qualityLink(filters: { mineral?: string; kind?: string }, text = 'Why? See the quality report'): HTMLElement {
  const params = new URLSearchParams({ view: 'quality' });
  if (filters.mineral) params.set('mineral', filters.mineral);
  if (filters.kind) params.set('kind', filters.kind);
  const edition = new URLSearchParams(location.search).get('edition');
  if (edition) params.set('edition', edition);
  return h('a', { href: `/?${params.toString()}`, 'data-nav': true, class: 'quality-link', 'data-quality': filters.kind ?? 'all' }, text);
}
