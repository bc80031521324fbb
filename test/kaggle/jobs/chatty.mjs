// Prints argv[2] MiB of numbered lines, then a last line, to exercise the log cap.
const lines = Math.ceil((Number(process.argv[2] ?? 1) * 1024 * 1024) / 16);
let out = '';
for (let i = 0; i < lines; i++) out += `line ${String(i).padStart(9, '0')}\n`;
process.stdout.write(`FIRST LINE\n${out}LAST LINE\n`);
