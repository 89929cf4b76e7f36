import type { ProducerFigure } from '../../src/scoring/index.js';

/** Narrows a result to its ok branch, failing the test with the reason otherwise. */
export function expectOk<T extends { status: string }>(result: T): Extract<T, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  return result as Extract<T, { status: 'ok' }>;
}

/** Producers named C0, C1, … with the given tonnes. */
export function producersWithTonnes(tonnes: readonly number[]): ProducerFigure[] {
  return tonnes.map((t, i) => ({ country: `C${i}`, tonnes: t }));
}
