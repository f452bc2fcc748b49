import { describe, expect, it } from 'vitest';
import { MetricName } from '#functions/core/ports/metrics';
import { createMetrics } from '#functions/platform/metrics-emf';

function recorder() {
  const lines: string[] = [];
  const metrics = createMetrics({
    namespace: 'TripleSeatRevelSync/test',
    service: 'sync',
    write: (line) => lines.push(line),
    now: () => 1_764_000_000_000,
  });
  const documents = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { metrics, lines, documents };
}

describe('EMF metrics', () => {
  it('prints one Embedded Metric Format line with every metric recorded since the last flush', () => {
    const { metrics, documents } = recorder();
    metrics.count(MetricName.EventsInjected);
    metrics.count(MetricName.EventsInjected, 2);
    metrics.count(MetricName.EventsSkipped);
    metrics.flush();

    expect(documents()).toEqual([
      {
        _aws: {
          Timestamp: 1_764_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: 'TripleSeatRevelSync/test',
              Dimensions: [[]],
              Metrics: [
                { Name: 'EventsInjected', Unit: 'Count' },
                { Name: 'EventsSkipped', Unit: 'Count' },
              ],
            },
          ],
        },
        service: 'sync',
        EventsInjected: 3,
        EventsSkipped: 1,
      },
    ]);
  });

  it('keeps every gauge value so that an alarm on Maximum sees the highest', () => {
    const { metrics, documents } = recorder();
    metrics.gauge(MetricName.ConsecutiveFailedInjections, 4);
    metrics.gauge(MetricName.ConsecutiveFailedInjections, 5);
    metrics.gauge(MetricName.ConsecutiveFailedInjections, 0);
    metrics.flush();

    expect(documents()[0]).toMatchObject({ ConsecutiveFailedInjections: [4, 5, 0] });
  });

  it('publishes a dimensioned metric under the undimensioned series as well', () => {
    const { metrics, documents } = recorder();
    metrics.count(MetricName.EventsFailed, 1, { reason: 'UNMAPPED_ITEMS' });
    metrics.flush();

    const [document] = documents();
    expect(document).toMatchObject({ reason: 'UNMAPPED_ITEMS', EventsFailed: 1 });
    expect(document?._aws).toMatchObject({ CloudWatchMetrics: [{ Dimensions: [[], ['reason']] }] });
  });

  it('writes one line per distinct set of dimension values, since one EMF line holds one value per key', () => {
    const { metrics, documents } = recorder();
    metrics.count(MetricName.EventsFailed, 1, { reason: 'UNMAPPED_ITEMS' });
    metrics.count(MetricName.EventsFailed, 1, { reason: 'REVEL_AUTH' });
    metrics.count(MetricName.EventsFailed, 1, { reason: 'UNMAPPED_ITEMS' });
    metrics.flush();

    expect(documents().map((d) => [d.reason, d.EventsFailed])).toEqual([
      ['UNMAPPED_ITEMS', 2],
      ['REVEL_AUTH', 1],
    ]);
  });

  it('writes nothing when nothing was recorded, and forgets what it already flushed', () => {
    const { metrics, lines } = recorder();
    metrics.flush();
    metrics.count(MetricName.WebhookRejected);
    metrics.flush();
    metrics.flush();

    expect(lines).toHaveLength(1);
  });

  it('ignores values CloudWatch would reject', () => {
    const { metrics, lines } = recorder();
    metrics.gauge(MetricName.ConsecutiveFailedInjections, Number.NaN);
    metrics.count(MetricName.EventsInjected, Number.POSITIVE_INFINITY);
    metrics.flush();

    expect(lines).toEqual([]);
  });

  it('caps a metric at the 100 values one EMF document may carry', () => {
    const { metrics, documents } = recorder();
    for (let i = 0; i < 150; i += 1) metrics.gauge(MetricName.ConsecutiveFailedInjections, i);
    metrics.flush();

    expect(documents()[0]?.ConsecutiveFailedInjections).toHaveLength(100);
  });

  it('writes each line to stdout by default, unprefixed, so CloudWatch can read it as EMF', () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      const metrics = createMetrics({ namespace: 'N', service: 'webhook' });
      metrics.count(MetricName.WebhookRejected);
      metrics.flush();
    } finally {
      process.stdout.write = original;
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\{"_aws":.*\}\n$/);
  });
});
