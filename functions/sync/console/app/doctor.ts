/** The last `npm run doctor` report, shown under the switches (docs/doctor.md). */

import type { DoctorAnswer } from '#functions/core/contract/operator-api/doctor';
import { api, h, table, when } from './base';

type DoctorCheck = NonNullable<DoctorAnswer['report']>['checks'][number];

const DOCTOR_MARKS: Record<string, string> = { ok: '✓', failed: '✗', not_checked: 'not checked' };
const DOCTOR_BADGES: Record<string, string> = {
  ok: 'outcome-injected',
  failed: 'outcome-failed',
  not_checked: 'outcome-skipped',
};

export async function doctorPanel(): Promise<HTMLElement> {
  const answer = await api<DoctorAnswer | null>('/api/doctor');
  const report = answer?.report;
  const heading = h('h2', { id: 'doctor-heading', text: 'Last doctor report' });
  if (!report) {
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'doctor-heading' },
      heading,
      h('p', {
        class: 'hint',
        text: 'No doctor report yet. Run npm run doctor with LEDGER_TABLE set (docs/doctor.md).',
      }),
    );
  }
  const failed = report.checks.filter((c) => c.status === 'failed').length;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'doctor-heading' },
    heading,
    h('p', {
      class: 'hint',
      text: `Ran ${when(report.ran_at)} (${report.mode}) against TripleSeat ${report.hosts.tripleseat} and Revel ${report.hosts.revel}. ${failed ? `${failed} check(s) failed.` : 'No check failed.'}`,
    }),
    table<DoctorCheck>(
      [
        {
          label: 'Result',
          cell: (c) =>
            h('span', {
              class: `badge ${DOCTOR_BADGES[c.status] || ''}`,
              text: DOCTOR_MARKS[c.status] || c.status,
            }),
        },
        { label: 'Vendor', cell: (c) => c.vendor },
        { label: 'Check', cell: (c) => c.subject },
        { label: 'Detail', cell: (c) => c.detail },
      ],
      report.checks,
      { caption: 'Doctor checks', captionHidden: true },
    ),
  );
}
