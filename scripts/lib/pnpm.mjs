// Finds the pinned pnpm: the one on PATH when it is the right version, else `npx -y pnpm@<pin>`.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const pinned = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'))
  .packageManager.split('@')[1]
  .split('+')[0];

function pnpmOnPath() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** The command and leading args that run the pinned pnpm. */
export const pnpmCommand = pnpmOnPath() === pinned ? ['pnpm'] : ['npx', '-y', `pnpm@${pinned}`];

/** Runs pnpm with args, inheriting stdio; resolves with the exit code. */
export function pnpm(args, options = {}) {
  return run(pnpmCommand[0], [...pnpmCommand.slice(1), ...args], options);
}

/** Runs a command with inherited stdio; resolves with its exit code (never rejects). */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const installStamp = `${root}/node_modules/.segflow-install-stamp`;

function lockfileHash() {
  return createHash('sha1')
    .update(readFileSync(`${root}/pnpm-lock.yaml`))
    .update(process.version)
    .digest('hex');
}

/**
 * Installs dependencies with the frozen lockfile; exits the process when that fails. Skipped when
 * the last successful install was from the same lockfile and Node version (a second start is quick).
 */
export async function installDependencies() {
  const hash = lockfileHash();
  if (existsSync(installStamp) && readFileSync(installStamp, 'utf8') === hash) return;
  const code = await pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  if (code !== 0) {
    console.error('pnpm install failed (see above).');
    process.exit(code);
  }
  writeFileSync(installStamp, hash);
}
