/**
 * The workbench: three views over the public API, each addressed by its query string
 * (`?view=overview&metric=china&year=2023`, `?view=mineral&mineral=antimony`, `?view=scenario&preset=…`),
 * so any state can be bookmarked and shared.
 */
import { loadSources } from './api';
import type { View, ViewContext } from './context';
import { beforeNextView } from './lifecycle';
import { announce, installTooltips, problemBox } from './ui';
import { overviewView } from './views/overview';

/**
 * The overview (an HTML heat map) is in the first bundle; the views with charts load with the chart library when
 * first opened, so the first page load carries no chart code.
 */
const VIEWS: Record<string, { load: () => Promise<View>; title: string }> = {
  overview: { load: async () => overviewView, title: 'Overview' },
  mineral: { load: async () => (await import('./views/mineral')).mineralView, title: 'Mineral' },
  scenario: { load: async () => (await import('./views/scenario')).scenarioView, title: 'Scenario builder' },
  quality: { load: async () => (await import('./views/quality')).qualityView, title: 'Quality' },
};

function disposeView(): void {
  for (const cleanup of beforeNextView) cleanup();
}

const main = document.getElementById('main')!;
let current: AbortController | null = null;

function navigate(update: Record<string, string | null>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(location.search);
  // Another view starts from its own defaults: only the parameters given travel with it, and the edition, which
  // is a choice about the whole dataset rather than about one view.
  if (update.view && update.view !== (params.get('view') ?? 'overview')) {
    for (const key of [...params.keys()]) if (key !== 'edition') params.delete(key);
  }
  for (const [key, value] of Object.entries(update)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const url = `${location.pathname}?${params.toString()}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

async function render(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  // `data-ready` names the view once it is rendered, and is absent while a render is under way.
  delete main.dataset.ready;
  const params = new URLSearchParams(location.search);
  const name = params.get('view') ?? 'overview';
  const entry = VIEWS[name] ?? VIEWS.overview!;
  const edition = params.get('edition');
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
    // The selected edition travels to the other views (and to links opened in a new tab).
    link.href = `/?view=${link.dataset.view}${edition ? `&edition=${encodeURIComponent(edition)}` : ''}`;
  }
  document.title = `${entry.title} · Chokepoint workbench`;
  // Keep keyboard focus on the control that caused the re-render (same id in the new DOM).
  const focusedId = document.activeElement instanceof HTMLElement && main.contains(document.activeElement) ? document.activeElement.id : '';
  const context: ViewContext = { params, navigate, signal: controller.signal };
  try {
    // Sources load alongside the view's own data; each view waits for them before it builds its numbers.
    void loadSources().catch(() => undefined);
    const view = await entry.load();
    if (controller.signal.aborted) return;
    disposeView();
    await view(main, context);
  } catch (error) {
    if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
    disposeView();
    main.replaceChildren(problemBox(error));
    announce('The request failed');
    return;
  }
  if (controller.signal.aborted) return;
  const again = focusedId ? document.getElementById(focusedId) : null;
  if (again) again.focus();
  main.dataset.ready = name;
  announce(`${entry.title} loaded`);
}

// In-page links (data-nav) change the URL without reloading the page.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-nav]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const url = new URL(link.href);
  history.pushState(null, '', `${url.pathname}${url.search}`);
  void render().then(() => {
    main.querySelector<HTMLElement>('h1')?.focus();
  });
});
window.addEventListener('popstate', () => void render());

installTooltips();
void render();
