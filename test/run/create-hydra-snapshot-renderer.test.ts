import { describe, expect, it } from 'vitest';
import type { PlannedJob } from '../../src/run/launch-plan.js';
import { redactRecord } from '../../src/run/redact/redact-record.js';
import { buildHydraNode, type LauncherSnapshotInput } from '../../src/run/snapshots/build-hydra-node.js';
import { createHydraSnapshotRenderer } from '../../src/run/snapshots/create-hydra-snapshot-renderer.js';
import { renderHydraSnapshot } from '../../src/run/snapshots/write-hydra-snapshot.js';
import { SAMPLE_LAUNCHER, samplePlan } from './support/sample-plan.js';

const plan = samplePlan('/logs/multiruns/2024-01-05/13-04-09');
const oneByOne = (job: PlannedJob, launcher: LauncherSnapshotInput = SAMPLE_LAUNCHER): string => renderHydraSnapshot(redactRecord(buildHydraNode(plan, job, launcher)));

describe('createHydraSnapshotRenderer', () => {
  it("writes every job's hydra.yaml as rendering each job alone does, the launcher's secrets redacted, the second time too", () => {
    const render = createHydraSnapshotRenderer(plan, SAMPLE_LAUNCHER);
    for (const pass of [1, 2]) {
      for (const job of plan.jobs) {
        const text = render(job);
        expect(text, `pass ${pass}, job ${job.num}`).toBe(oneByOne(job));
        expect(text).toContain(`num: ${job.num}`);
        expect(text).toContain('hub_token: <redacted>');
        expect(text).not.toContain('tok-123');
        expect(text).not.toContain('wandb-secret');
      }
    }
  });

  it("keeps a job's own composed hydra node (its launcher included) and redacts it per job", () => {
    const render = createHydraSnapshotRenderer(plan, SAMPLE_LAUNCHER);
    const base = plan.jobs[0] as PlannedJob;
    const composedLauncher = { _target_: 'x.Launcher', api_token: 'composed-secret', n: 1 };
    const composed: PlannedJob = { ...base, spec: { ...base.spec, hydra: { settings: {}, node: { launcher: composedLauncher, run: { dir: 'out/https://user:pw@host/x' } } } } as PlannedJob['spec'] };
    const text = render(composed);
    expect(text).toBe(oneByOne(composed));
    expect(text).toContain('_target_: x.Launcher');
    expect(text).not.toContain('composed-secret');
    expect(text).not.toContain('user:pw');
    // the launch's own node is unchanged for the next job
    expect(render(plan.jobs[1] as PlannedJob)).toBe(oneByOne(plan.jobs[1] as PlannedJob));
  });

  it('renders a launcher whose config nests lists and maps the same way at every depth', () => {
    const launcher = { name: 'local', config: { devices: [0, 1], nested: { list: [{ a: 1 }, { b: [2, 3] }], password: 'pw' }, empty: {}, none: [] } };
    const render = createHydraSnapshotRenderer(plan, launcher);
    for (const job of plan.jobs) expect(render(job)).toBe(oneByOne(job, launcher));
    expect(render(plan.jobs[0] as PlannedJob)).not.toContain('pw\n');
  });
});
