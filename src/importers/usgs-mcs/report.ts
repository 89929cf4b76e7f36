import type { DataDirPlan } from './data-dir.js';
import { FIGURE_TABLES } from './output.js';
import type { Revision, RevisionSummary } from './revisions.js';
import type { ImportResult } from './transform.js';

const n = (value: number): string => value.toLocaleString('en-US');
const shown = (text: string): string => (/^\d+(\.\d+)?$/.test(text) ? n(Number(text)) : text);

export function describeRevision(r: Revision): string {
  const k = r.key;
  const what =
    r.table === 'production' || r.table === 'capacity'
      ? `${k.mineral} ${k.stage}${r.table === 'capacity' ? ' capacity' : ''} ${k.country} ${k.year} (${k.basis})`
      : r.table === 'reserves'
        ? `${k.mineral} reserves ${k.country} ${k.year} (${k.basis})`
        : `${r.table} ${Object.values(k)
            .filter((v) => v !== '')
            .join(' ')}`;
  const unit = r.unit === 't' ? ' t' : r.unit === '%' ? ' %' : ` ${r.unit}`;
  const relative =
    r.change !== null && Number(r.old) > 0 ? ` (${r.change > 0 ? '+' : '−'}${Math.abs((r.change / Number(r.old)) * 100).toFixed(0)}%)` : '';
  const world = r.shareOfWorld !== null ? `, ${(r.shareOfWorld * 100).toFixed(1)}% of the world total` : '';
  return `${what}: ${shown(r.old)} → ${shown(r.new)}${unit}${relative}${world}`;
}

export function formatRevisions(summary: RevisionSummary, largest = 15, perMineral = 5): string[] {
  const lines = [`revisions against ${summary.from} (figures of ${summary.to} compared on the same key):`];
  for (const t of summary.tables) {
    lines.push(
      `  ${t.table.padEnd(22)} ${n(t.inBoth)} in both, ${n(t.changed)} changed, ${n(t.onlyNew)} only in ${summary.to}, ${n(t.onlyOld)} only in ${summary.from}`,
    );
  }
  const production = summary.revisions.filter((r) => r.table === 'production');
  lines.push(`  largest production revisions (by share of the world total):`);
  for (const r of production.slice(0, largest)) lines.push(`    ${describeRevision(r)}`);
  const minerals = [...new Set(summary.revisions.map((r) => r.mineral))].sort();
  lines.push(`  per mineral (largest ${perMineral}):`);
  for (const mineral of minerals) {
    const mine = summary.revisions.filter((r) => r.mineral === mineral);
    lines.push(`    ${mineral}: ${mine.length} changed`);
    for (const r of mine.slice(0, perMineral)) lines.push(`      ${describeRevision(r)}`);
  }
  return lines;
}

export function formatReport(result: ImportResult, plan: DataDirPlan | null, elapsedMs: number): string {
  const { report } = result;
  const lines: string[] = [];
  lines.push(
    `usgs-mcs: ${report.file} → edition ${report.edition}: ${n(report.rowsRead)} rows read, imported in ${elapsedMs.toFixed(0)} ms`,
  );
  lines.push('imported and skipped, per chapter and section:');
  let chapter = '';
  for (const s of report.sections) {
    if (s.chapter !== chapter) {
      chapter = s.chapter;
      lines.push(`  ${chapter}`);
    }
    const imported = Object.entries(s.imported)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ');
    const skipped = Object.entries(s.skipped)
      .map(([reason, count]) => `${count} × ${reason}`)
      .join('; ');
    lines.push(`    ${s.section}: ${imported || 'nothing imported'}${skipped ? `; skipped ${skipped}` : ''}`);
  }
  const outOfScope = Object.entries(report.outOfScope);
  lines.push(
    `skipped, chapter not in scope: ${n(outOfScope.reduce((sum, [, count]) => sum + count, 0))} rows in ${outOfScope.length} chapters (${outOfScope.map(([c, count]) => `${c} ${count}`).join(', ')})`,
  );
  for (const e of report.errata) {
    lines.push(
      `erratum applied (line ${e.line}): ${e.chapter} / ${e.detail} / ${e.country} / ${e.year}: ${e.from} → ${e.to}, cited as ${e.source}`,
    );
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push(`rows per table: ${FIGURE_TABLES.map((t) => `${t} ${result.figures[t].length}`).join(', ')}`);
  if (plan) {
    lines.push('data/ files:');
    for (const f of plan.files) {
      lines.push(
        `  ${f.file.padEnd(26)} ${String(f.rows).padStart(5)} rows (${f.imported} from this import, ${f.kept} kept)${f.changed ? '' : ' unchanged'}`,
      );
    }
    if (plan.revisions) lines.push(...formatRevisions(plan.revisions));
    else lines.push(`revisions: no earlier ${result.edition.family} edition in data/`);
  }
  return lines.join('\n');
}
