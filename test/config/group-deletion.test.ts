import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import { ConfigCompositionError } from '../../src/config/config-errors.js';
import { composeLaunchJobs } from '../../src/config/compose-launch-jobs.js';
import { createComposer } from '../../src/config/create-composer.js';

const configDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'conformance', 'compose-configs');

describe("Hydra 1.3's group deletion forms", () => {
  const removes: [string, string][] = [
    ['~group deletes whatever the group selected', '~db'],
    ['~group=<option> deletes it when that option is selected', '~db=mysql'],
    ['~group=null deletes whatever the group selected, as ~group', '~db=null'],
  ];
  for (const [title, override] of removes) {
    it(title, () => {
      const composed = compose({ configDir, overrides: [override] });
      expect(composed.choices).toEqual({ server: 'apache' });
      expect(composed.config['db']).toBeUndefined();
      expect(composed.hydra['runtime']).toMatchObject({ choices: { server: 'apache' } });
    });
  }

  it('~group=<option> is refused when another option is selected', () => {
    expect(() => compose({ configDir, overrides: ['~db=sqlite'] })).toThrow(ConfigCompositionError);
    expect(() => compose({ configDir, overrides: ['~db=sqlite'] })).toThrow("Could not delete 'db=sqlite'. No match in the defaults list");
  });

  it('a bare ~group in a sweep reaches every job as ~group=null and still deletes the group', () => {
    const launch = composeLaunchJobs(createComposer({ configDir }), { overrides: ['~db', 'seed=1,2'], multirun: true, now: new Date(0) });
    expect(launch.jobs.map((job) => job.overrides)).toEqual([['~db=null', 'seed=1'], ['~db=null', 'seed=2']]);
    for (const job of launch.jobs) expect(job.composed.config['db']).toBeUndefined();
  });
});
