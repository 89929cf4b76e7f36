import type { ViewContext } from '../context';
export async function mineralView(main: HTMLElement, _c: ViewContext): Promise<void> { main.textContent = 'mineral'; }
