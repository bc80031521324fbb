// Writes 16 KiB of numbered lines every 20 ms until stopped: a job whose log would fill the disk.
process.stdout.write('ready\n');
let n = 0;
setInterval(() => {
  let chunk = '';
  while (chunk.length < 16 * 1024) chunk += `line ${String(n++).padStart(10, '0')}\n`;
  process.stdout.write(chunk);
}, 20);
