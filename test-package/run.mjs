// Packs the built package as npm would publish it, installs the tarball into a scratch app, and runs the
// consumer tests there: one that imports it as ESM, one that requires it as CommonJS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmpdir()], root));
const files = packed.files.map((file) => file.path);
const unexpected = files.filter((path) => !/^(dist\/[^/]+\.(c?js|d\.c?ts)|README\.md|LICENSE|package\.json)$/.test(path));
if (unexpected.length > 0) {
  console.error(`The package would ship files users do not need: ${unexpected.join(', ')}`);
  process.exit(1);
}
console.log(`npm pack: ${files.length} files, ${packed.size} bytes packed`);

const app = mkdtempSync(join(tmpdir(), 'sms-webhooks-consumer-'));
try {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  // The optional peers too, so that every entry can be loaded.
  const peers = Object.keys(JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").peerDependencies)'], { cwd: root, encoding: 'utf8' })));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(tmpdir(), packed.filename), 'express@5', ...peers.filter((name) => name !== 'express')], app);
  const tests = ['consumer.test.mjs', 'consumer.test.cjs', 'entries.test.mjs'];
  for (const file of tests) copyFileSync(join(import.meta.dirname, file), join(app, file));
  execFileSync(process.execPath, ['--test', ...tests], { cwd: app, stdio: 'inherit' });
} finally {
  rmSync(app, { recursive: true, force: true });
  rmSync(join(tmpdir(), packed.filename), { force: true });
}
