// A job that would overrun: writes a partial submission, ignores SIGTERM and never ends on its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.SPECTRAMIND_RUN_DIR ?? '.';
writeFileSync(join(dir, 'submission.csv'), 'id,target\n0,partial\n');
process.on('SIGTERM', () => writeFileSync(join(dir, 'sigterm.txt'), String(Date.now())));
setInterval(() => {}, 1000);
console.log('ready');
