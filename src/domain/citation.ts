export interface CitableSource {
  id: string;
  title: string;
  publisher: string;
  edition: string | null;
  locator: string | null;
}

/** "USGS, Mineral Commodity Summaries 2025, pp. 34–35": what an analyst pastes into a footnote. */
export function citationOf(source: CitableSource): string {
  const parts = [source.publisher, source.title];
  if (source.edition && !source.title.includes(source.edition)) parts.push(source.edition);
  if (source.locator) parts.push(source.locator);
  return parts.join(', ');
}
