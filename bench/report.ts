// Benchmark results, in one place: each benchmark hands its figures to writeBenchReport, which
// keeps them as JSON (for tools) and as that benchmark's section of BENCHMARKS.md (for people),
// beside a description of the machine they were measured on. Sections are delimited by HTML
// comments, so one benchmark's run rewrites its own section and leaves the others alone.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  /** the goal for ratio (or value when no baseline): at most this */
  limit?: number;
}

export interface BenchReport {
  bench: string;
  title: string;
  reproduce: string;
  figures: BenchFigure[];
  notes?: string[];
}

/** The workspace root: the nearest folder up from here holding nx.json (bundles run from dist/). */
export function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** BENCHMARKS.md at the workspace root; BENCH_MARKDOWN names another file (tests use it). */
export function benchmarksFile(): string {
  return process.env['BENCH_MARKDOWN'] ?? path.join(workspaceRoot(), 'BENCHMARKS.md');
}

export function resultsDir(): string {
  return path.resolve(
    workspaceRoot(),
    process.env['BENCH_RESULTS_DIR'] ?? path.join('dist', 'bench-results'),
  );
}

/** The ratio a figure is judged by: the one given, else value ÷ baseline. */
export function figureRatio(figure: BenchFigure): number | undefined {
  if (figure.ratio !== undefined) return figure.ratio;
  if (figure.baseline) return figure.value / figure.baseline.value;
  return undefined;
}

/** 'pass' / 'miss' against the figure's limit, or undefined when it has none (informational). */
export function verdict(figure: BenchFigure): 'pass' | 'miss' | undefined {
  if (figure.limit === undefined) return undefined;
  const judged = figure.baseline || figure.ratio !== undefined ? figureRatio(figure) : figure.value;
  // NaN (a failed measurement) is a miss, never a pass.
  return judged !== undefined && judged <= figure.limit ? 'pass' : 'miss';
}

/** Three significant figures at most, without exponent notation for ordinary numbers. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  // Counts (errors, chunks, calls) read as counts.
  if (abs >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function figureRow(figure: BenchFigure): string {
  const ratio = figureRatio(figure);
  const judgedByRatio = figure.baseline !== undefined || figure.ratio !== undefined;
  const result = verdict(figure);
  return [
    cell(figure.name),
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline
      ? `${cell(figure.baseline.name)}: ${formatNumber(figure.baseline.value)} ${figure.unit}`
      : '—',
    ratio === undefined ? '—' : `${formatNumber(ratio)}×`,
    figure.limit === undefined
      ? '—'
      : `≤ ${+figure.limit.toPrecision(3)}${judgedByRatio ? '×' : ` ${figure.unit}`}`,
    result === undefined ? '—' : result === 'pass' ? '✅ pass' : '❌ miss',
  ].join(' | ');
}

export function benchSection(report: BenchReport, measuredAt: Date): string {
  const lines = [
    `## ${report.title}`,
    '',
    `Measured ${measuredAt.toISOString()} with Node ${process.version}. Reproduce: \`${report.reproduce}\``,
    '',
    '| Figure | Value | Baseline (same run) | Ratio | Goal | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.figures.map((f) => `| ${figureRow(f)} |`),
  ];
  if (report.notes?.length) lines.push('', ...report.notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

export function machineSection(now: Date): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  const ramGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    '## Machine',
    '',
    `- CPU: ${model}, ${cpus.length} cores (os.cpus())`,
    `- RAM: ${ramGiB} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node: ${process.version}`,
    `- Last updated: ${now.toISOString()}`,
    '',
    'Reproduce every figure: `npm run bench` (builds what the benchmarks need, runs each in turn',
    'through bench/run-all.ts with bounded round counts, and rewrites this file). Each section',
    'names the command for its benchmark alone. Baselines are measured in the same run as the',
    'figure they divide, so a ratio holds up on a noisy machine better than its absolute values.',
  ].join('\n');
}

/** Sections that are not a benchmark's, kept at the top in this order. */
export const LEADING_SECTIONS = ['machine', 'run'];

// Names no marker itself: only a marker alone on its line counts as one.
const HEADER =
  '# Benchmarks\n\nWritten by `npm run bench` (bench/report.ts): each section is replaced when its benchmark runs again.\n';

/** Where `marker` stands alone on a line of `text`, at or after `from`; -1 if nowhere. */
function markerAt(text: string, marker: string, from = 0): number {
  for (let at = text.indexOf(marker, from); at >= 0; at = text.indexOf(marker, at + 1)) {
    const lineStart = at === 0 || text[at - 1] === '\n';
    const after = text[at + marker.length];
    if (lineStart && (after === undefined || after === '\n' || after === '\r')) return at;
  }
  return -1;
}

/**
 * `markdown` with the text between `<!-- bench:id -->` and `<!-- /bench:id -->` replaced by
 * `body`, or, with no such markers, the section appended (the machine section goes first).
 */
export function replaceSection(markdown: string, id: string, body: string): string {
  const open = `<!-- bench:${id} -->`;
  const close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  const start = markerAt(markdown, open);
  const end = start < 0 ? -1 : markerAt(markdown, close, start);
  if (start >= 0 && end >= 0) {
    return markdown.slice(0, start) + block + markdown.slice(end + close.length);
  }
  const base = markdown.trim() ? markdown.trimEnd() : HEADER.trimEnd();
  const leading = LEADING_SECTIONS.indexOf(id);
  if (leading >= 0) {
    // After the title and the leading sections before it, before any benchmark's section.
    const later = LEADING_SECTIONS.slice(0, leading + 1).join('|');
    const next = base.search(new RegExp(`^<!-- bench:(?!(?:${later}) -->)`, 'm'));
    if (next >= 0) return `${base.slice(0, next)}${block}\n\n${base.slice(next)}\n`;
  }
  return `${base}\n\n${block}\n`;
}

/** Rewrites one section of BENCHMARKS.md (and refreshes its machine section). */
export function writeMarkdownSection(id: string, body: string, now = new Date()): void {
  const file = benchmarksFile();
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let next = replaceSection(current, 'machine', machineSection(now));
  next = replaceSection(next, id, body);
  // Through a temporary file and a rename, so a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, next);
  renameSync(temporary, file);
}

/**
 * Writes the report as JSON to $BENCH_RESULTS_DIR (default dist/bench-results)/<bench>.json and
 * updates that bench's section of BENCHMARKS.md (between <!-- bench:<bench> --> and
 * <!-- /bench:<bench> --> markers, creating it if absent, leaving other sections untouched).
 */
export function writeBenchReport(report: BenchReport): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(report.bench) || LEADING_SECTIONS.includes(report.bench))
    throw new Error(`bench name ${JSON.stringify(report.bench)} is not a section id`);
  const now = new Date();
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const figures = report.figures.map((f) => ({
    ...f,
    ratio: figureRatio(f),
    result: verdict(f) ?? null,
  }));
  const json = {
    ...report,
    figures,
    measuredAt: now.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model.trim(),
      cores: os.cpus().length,
      ramBytes: os.totalmem(),
      node: process.version,
    },
  };
  writeFileSync(path.join(dir, `${report.bench}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeMarkdownSection(report.bench, benchSection(report, now), now);
}
