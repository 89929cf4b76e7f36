/**
 * The workbench: three views over the public API, each addressed by its query string
 * (`?view=overview&metric=china&year=2023`, `?view=mineral&mineral=antimony`, `?view=scenario&preset=…`),
 * so any state can be bookmarked and shared.
 */
import { loadSources } from './api';
import { disposeCharts } from './charts';
import type { View, ViewContext } from './context';
import { announce, installTooltips, problemBox, setSources } from './ui';
import { mineralView } from './views/mineral';
import { overviewView } from './views/overview';
import { scenarioView } from './views/scenario';

const VIEWS: Record<string, { view: View; title: string }> = {
  overview: { view: overviewView, title: 'Overview' },
  mineral: { view: mineralView, title: 'Mineral' },
  scenario: { view: scenarioView, title: 'Scenario builder' },
};

const main = document.getElementById('main')!;
let current: AbortController | null = null;

function navigate(update: Record<string, string | null>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(location.search);
  // Another view starts from its own defaults: only the parameters given travel with it.
  if (update.view && update.view !== (params.get('view') ?? 'overview')) {
    for (const key of [...params.keys()]) params.delete(key);
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
  const params = new URLSearchParams(location.search);
  const name = params.get('view') ?? 'overview';
  const entry = VIEWS[name] ?? VIEWS.overview!;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${entry.title} · Chokepoint workbench`;
  // Keep keyboard focus on the control that caused the re-render (same id in the new DOM).
  const focusedId = document.activeElement instanceof HTMLElement && main.contains(document.activeElement) ? document.activeElement.id : '';
  const context: ViewContext = { params, navigate, signal: controller.signal };
  try {
    setSources(await loadSources());
    if (controller.signal.aborted) return;
    disposeCharts();
    await entry.view(main, context);
  } catch (error) {
    if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
    disposeCharts();
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
