import type { ViewContext } from '../context';
export async function scenarioView(main: HTMLElement, _c: ViewContext): Promise<void> { main.textContent = 'scenario'; }
