import type { ReportJobStatus, SegmentEnd } from './report-model.js';

/** One colour per status, shared by the bars, the legend and the table's badges. */
export const STATUS_COLORS: Readonly<Record<ReportJobStatus | 'requeued' | 'waiting', string>> = {
  completed: '#2f9e44',
  failed: '#e03131',
  'timed-out': '#f08c00',
  cancelled: '#868e96',
  skipped: '#adb5bd',
  detached: '#7048e8',
  running: '#1c7ed6',
  queued: '#74c0fc',
  requeued: '#fab005',
  waiting: '#ced4da',
};

/** The colour of a run segment: how it ended. */
export function segmentColor(ended: SegmentEnd): string {
  switch (ended.kind) {
    case 'ended':
      return STATUS_COLORS[ended.status];
    case 'requeued':
      return STATUS_COLORS.requeued;
    case 'superseded':
      return STATUS_COLORS.cancelled;
    case 'started':
      return STATUS_COLORS.waiting;
    case 'open':
      return STATUS_COLORS.running;
  }
}
