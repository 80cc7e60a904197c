// Shared by the golden generators (tests/golden, tests/pgtypes): write `expected.json`, or with
// `--check` compare the committed file with what the generator produces now and exit 1 with a
// diff summary when they differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * @param {object} o
 * @param {string} o.outPath   the committed file
 * @param {string} o.text      what the generator produces now
 * @param {string} o.upToDate  message when the committed file is current (`--check`)
 * @param {string} o.wrote     message after writing
 * @param {(committed: any) => string[]} o.diff  difference lines between the committed JSON and now
 */
export function writeOrCheck({ outPath, text, upToDate, wrote, diff }) {
  if (!process.argv.includes('--check')) {
    writeFileSync(outPath, text);
    console.log(wrote);
    return;
  }
  if (!existsSync(outPath)) {
    console.error('expected.json does not exist; run `node generate.mjs`');
    process.exit(1);
  }
  const committedText = readFileSync(outPath, 'utf8');
  if (committedText === text) {
    console.log(upToDate);
    process.exit(0);
  }
  let committed;
  try {
    committed = JSON.parse(committedText);
  } catch (e) {
    console.error(`expected.json is not valid JSON: ${e.message}`);
    process.exit(1);
  }
  const lines = diff(committed);
  if (lines.length === 0) lines.push('~ formatting differs (same content)');
  const MAX = 60;
  console.error(`expected.json is out of date (${lines.length} difference lines):`);
  console.error(lines.slice(0, MAX).join('\n'));
  if (lines.length > MAX) console.error(`... and ${lines.length - MAX} more`);
  console.error('run `node generate.mjs` to regenerate');
  process.exit(1);
}
