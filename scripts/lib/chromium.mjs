// Playwright drives Debian's Chromium (browsers cannot be downloaded here). Installs it when missing and
// running as root; otherwise stops with the command that installs it.
import { existsSync } from 'node:fs';
import { run } from './pnpm.mjs';

export const chromiumPath = '/usr/bin/chromium';

/** Ensures /usr/bin/chromium exists, installing it with apt-get when possible. */
export async function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is missing. Install it with: sudo apt-get update && sudo apt-get install -y chromium',
    );
    process.exit(1);
  }
  console.log('Installing Chromium with apt-get (about a minute, once per machine)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    (await run('apt-get', ['update', '-qq'], { env })) === 0 &&
    (await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env })) === 0;
  if (!ok || !existsSync(chromiumPath)) {
    console.error('Installing Chromium failed; run: apt-get update && apt-get install -y chromium');
    process.exit(1);
  }
}
