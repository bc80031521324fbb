// A job that runs until SIGTERM, then saves its checkpoint and exits within the grace period.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.SPECTRAMIND_RUN_DIR ?? '.';
process.on('SIGTERM', () => {
  writeFileSync(join(dir, 'checkpoint.pt'), 'saved on SIGTERM\n');
  process.exit(0);
});
setInterval(() => {}, 1000);
console.log('ready');
