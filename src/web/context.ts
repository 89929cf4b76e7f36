/** What a view gets: its URL state and a way to change it. The query string is the whole state of a view. */
export interface ViewContext {
  /** The page's query string (`view` plus the view's own parameters). */
  params: URLSearchParams;
  /** Sets (string) or removes (null) parameters, records the new URL in history and re-renders. */
  navigate(update: Record<string, string | null>, options?: { replace?: boolean }): void;
  /** Aborted when the user moves on before this render finishes. */
  signal: AbortSignal;
}

export type View = (main: HTMLElement, context: ViewContext) => Promise<void>;
