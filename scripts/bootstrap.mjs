#!/usr/bin/env node
// The README's two set-up commands run this script: `npm run demo` and `npm test`.
// It needs only Node >= 20 and npm: it installs the pinned pnpm into .cache/tools (no global install),
// the workspace's dependencies from the lockfile, the system packages the tests need (Debian, as root),
// builds every package, then runs the demo or the whole test suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const toolsDir = join(root, '.cache', 'tools');
const pnpmBin = join(toolsDir, 'node_modules', '.bin', 'pnpm');

const env = {
  ...process.env,
  COREPACK_INTEGRITY_KEYS: '0',
  // onnxruntime-node's install script downloads CUDA files; the CPU binaries ship in the package.
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip',
  PATH: `${join(toolsDir, 'node_modules', '.bin')}:${process.env.PATH}`,
};
if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

function step(title) {
  process.stderr.write(`\n== ${title}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0 && !options.allowFailure) {
    process.stderr.write(`\nbootstrap: "${command} ${args.join(' ')}" exited with ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
  return result;
}

function ensurePnpm() {
  if (existsSync(pnpmBin)) {
    const version = spawnSync(pnpmBin, ['--version'], { env, encoding: 'utf8' }).stdout?.trim();
    if (version === pnpmVersion) return;
  }
  step(`installing pnpm ${pnpmVersion} into .cache/tools`);
  rmSync(toolsDir, { recursive: true, force: true });
  run('npm', [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--prefix',
    toolsDir,
    `pnpm@${pnpmVersion}`,
  ]);
}

// Debian packages the test suite needs (the browser tests drive Debian's Chromium), each with the file
// that shows it is installed.
const systemPackages = [
  { name: 'chromium', check: '/usr/bin/chromium' },
  // Vulkan loader: WebGPU tests run on Chromium's SwiftShader ICD.
  { name: 'libvulkan1', check: '/usr/lib/x86_64-linux-gnu/libvulkan.so.1' },
];

function ensureSystemPackages() {
  const missing = systemPackages.filter((p) => !existsSync(p.check)).map((p) => p.name);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasSudo = spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!existsSync('/usr/bin/apt-get') || (!isRoot && !hasSudo)) {
    process.stderr.write(
      `bootstrap: the tests need ${missing.join(', ')} (Debian packages); install them with your package manager and rerun\n`,
    );
    process.exit(1);
  }
  step(`installing system packages: ${missing.join(' ')}`);
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...args] = [...prefix, 'apt-get'];
  run(cmd, [...args, 'update', '-qq'], { env: aptEnv });
  run(cmd, [...args, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env: aptEnv });
}

function installDependencies() {
  step('installing workspace dependencies (pnpm install --frozen-lockfile)');
  run(pnpmBin, ['install', '--frozen-lockfile']);
}

function build() {
  step('building packages (turbo run build)');
  run(pnpmBin, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
}

function vitestSummary(reportPath) {
  if (!existsSync(reportPath)) return undefined;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function test() {
  step('lint (biome check)');
  run(pnpmBin, ['exec', 'biome', 'check', '.']);
  build();
  step('type check (tsc --noEmit, every package)');
  run(pnpmBin, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  step('tests (vitest run, every package and example)');
  const reportPath = join(root, '.vitest-report.json');
  rmSync(reportPath, { force: true });
  const result = run(
    pnpmBin,
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`],
    { allowFailure: true },
  );
  const summary = vitestSummary(reportPath);
  step('API reference (typedoc)');
  const docs = run(pnpmBin, ['exec', 'typedoc', '--logLevel', 'Warn'], { allowFailure: true });
  if (summary) {
    process.stdout.write(
      `\nvitest: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
    );
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  if (docs.status !== 0) {
    process.stderr.write('bootstrap: typedoc failed\n');
    process.exit(docs.status ?? 1);
  }
}

function demo(args) {
  build();
  step('demo');
  run(process.execPath, [join(root, 'examples', 'scifact-demo', 'dist', 'main.js'), ...args]);
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'test' && command !== 'demo') {
  process.stderr.write('usage: node scripts/bootstrap.mjs test|demo [demo flags]\n');
  process.exit(2);
}
ensurePnpm();
installDependencies();
if (command === 'test') {
  ensureSystemPackages();
  test();
} else demo(rest);
