// Child process for the event-log test: appends argv[3] large events to argv[2] as writer argv[4].
import { openEventLog } from '../../../src/run/event-log.js';

const [file, count, writer] = process.argv.slice(2);
const log = openEventLog(file!);
for (let i = 0; i < Number(count); i++) log.append({ type: 'job:output', writer, i, line: `${writer}`.repeat(8_000) });
log.close();
