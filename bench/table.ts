/** One row of the bench table: two things measured in the same run, and their ratio (b ÷ a). */
export interface BenchRow {
  what: string;
  aLabel: string;
  a: number;
  bLabel: string;
  b: number;
  unit: string;
  /** What the target in docs/issue 12 says, or how to read the row. */
  note?: string;
}

const figure = (value: number, unit: string): string => {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`.trim();
};

/** The single table `npm run bench` prints (Markdown, so it can be pasted into bench/README.md). */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = ['| what | A | B | B ÷ A | note |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const ratio = row.a === 0 ? '—' : `${(row.b / row.a).toFixed(2)}×`;
    lines.push(
      `| ${row.what} | ${row.aLabel}: ${figure(row.a, row.unit)} | ${row.bLabel}: ${figure(row.b, row.unit)} | ${ratio} | ${row.note ?? ''} |`,
    );
  }
  return lines.join('\n');
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((x, y) => x - y),
    50,
  );

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
