import type { MetricName } from '#functions/core/ports/metrics';

/** One EMF line read back the way CloudWatch reads it: namespace, dimension sets, metric values. */
export interface EmfDocument {
  namespace: string | undefined;
  dimensions: unknown;
  metrics: Partial<Record<MetricName, number | number[]>>;
  line: Record<string, unknown>;
}

interface Directive {
  Namespace?: string;
  Dimensions?: unknown;
  Metrics?: Array<{ Name: MetricName }>;
}

export function emfDocuments(lines: readonly string[]): EmfDocument[] {
  return lines.map((text) => {
    const line = JSON.parse(text) as Record<string, unknown> & {
      _aws?: { CloudWatchMetrics?: Directive[] };
    };
    const directive = line._aws?.CloudWatchMetrics?.[0];
    const metrics: EmfDocument['metrics'] = {};
    for (const { Name } of directive?.Metrics ?? []) metrics[Name] = line[Name] as number | number[];
    return { namespace: directive?.Namespace, dimensions: directive?.Dimensions, metrics, line };
  });
}

/** Every value published for `name`, across all lines, in order. */
export function publishedValues(documents: readonly EmfDocument[], name: MetricName): number[] {
  return documents.flatMap((d) => {
    const value = d.metrics[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  });
}
