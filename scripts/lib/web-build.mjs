// Builds the web app only when its sources (or the shared schema) changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pnpm, root } from './pnpm.mjs';

const inputs = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/schema/src',
];
const stampFile = join(root, 'apps/web/dist/.build-stamp');

function fingerprint() {
  const hash = createHash('sha1');
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const input of inputs) visit(join(root, input));
  return hash.digest('hex');
}

/** Runs `vite build` unless apps/web/dist was built from the same sources. */
export async function buildWebIfChanged() {
  const current = fingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === current) return 0;
  console.log('Building the web app…');
  const code = await pnpm(['--filter', '@segflow/web', 'build']);
  if (code === 0) writeFileSync(stampFile, current);
  return code;
}
