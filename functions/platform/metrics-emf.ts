import type { Dimensions, Metrics } from '#functions/core/ports/metrics';

/**
 * A tiny CloudWatch Embedded Metric Format (EMF) writer: no dependency, one JSON log line per
 * flush (per distinct set of dimension values), which CloudWatch Logs turns into metrics (AWS EMF specification). The CDK stack's alarms
 * and dashboard read these names, so they are constants shared by both sides.
 */
export interface MetricsOptions {
  namespace: string;
  /** Written as a plain property on every line (for Logs Insights), not as a dimension. */
  service: string;
  /** Defaults to stdout, bypassing console.log: the Lambda runtime prefixes console lines, and a
   * prefixed line is no longer EMF (AWS EMF specification). */
  write?: (line: string) => void;
  now?: () => number;
}

type Unit = 'Count' | 'None';
interface Series {
  unit: Unit;
  values: number[];
}
interface Group {
  dimensions: Dimensions;
  series: Map<string, Series>;
}

// EMF accepts at most 100 values per metric in one document (AWS EMF specification).
const MAX_VALUES = 100;

export function createMetrics(options: MetricsOptions): Metrics {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  let groups = new Map<string, Group>();

  const record = (name: string, value: number, unit: Unit, dimensions: Dimensions, sum: boolean) => {
    if (!Number.isFinite(value)) return;
    const key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    let group = groups.get(key);
    if (!group) {
      group = { dimensions, series: new Map() };
      groups.set(key, group);
    }
    const series = group.series.get(name) ?? { unit, values: [] };
    group.series.set(name, series);
    if (sum && series.values.length > 0) series.values[0] = (series.values[0] ?? 0) + value;
    else if (series.values.length < MAX_VALUES) series.values.push(value);
  };

  return {
    count: (name, value = 1, dimensions = {}) => record(name, value, 'Count', dimensions, true),
    gauge: (name, value, dimensions = {}) => record(name, value, 'None', dimensions, false),
    flush: () => {
      const pending = groups;
      groups = new Map();
      for (const group of pending.values()) write(JSON.stringify(toDocument(group, options, now())));
    },
  };
}

function toDocument(group: Group, options: MetricsOptions, timestamp: number): Record<string, unknown> {
  const keys = Object.keys(group.dimensions);
  const values: Record<string, number | number[]> = {};
  for (const [name, series] of group.series) {
    const [only, ...more] = series.values;
    values[name] = only !== undefined && more.length === 0 ? only : series.values;
  }
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: options.namespace,
          // The empty set publishes every metric undimensioned too: that is the series the alarms
          // and the dashboard read, whatever dimensions a caller adds.
          Dimensions: keys.length > 0 ? [[], keys] : [[]],
          Metrics: [...group.series].map(([name, series]) => ({ Name: name, Unit: series.unit })),
        },
      ],
    },
    service: options.service,
    ...group.dimensions,
    ...values,
  };
}
