// Packs the package as npm would publish it (prepack builds it), installs the tarball into a scratch app, and
// checks it from a consumer's side: a strict TypeScript compile of every entry's declarations, then the runtime
// tests, one that imports it as ESM and one that requires it as CommonJS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileConsumers } from './compile-types.mjs';

const root = resolve(import.meta.dirname, '..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const output = npm(['pack', '--json', '--pack-destination', tmpdir()], root);
// The prepack build may print before npm's JSON: read from the JSON's opening bracket on.
const [packed] = JSON.parse(output.slice(output.search(/^\[/m)));
const files = packed.files.map((file) => file.path);
const unexpected = files.filter((path) => !/^(dist\/[^/]+\.(c?js|d\.c?ts)|README\.md|docs\/[^/]+\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(path));
const missing = ['LICENSE', 'CHANGELOG.md', 'README.md'].filter((path) => !files.includes(path));
if (unexpected.length > 0 || missing.length > 0) {
  console.error(`The package ships files users do not need (${unexpected.join(', ')}) or lacks ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`npm pack: ${files.length} files, ${packed.size} bytes packed`);

const app = mkdtempSync(join(tmpdir(), 'sms-webhooks-consumer-'));
try {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  // The optional peers too, so that every entry can be loaded (and its declarations, which import their types,
  // compiled); @types/node for the strict compile.
  const peers = Object.keys(JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").peerDependencies)'], { cwd: root, encoding: 'utf8' })));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(tmpdir(), packed.filename), 'express@5', '@types/node@20', ...peers.filter((name) => name !== 'express')], app);
  const failures = compileConsumers(app);
  if (failures.length > 0) {
    console.error(`${failures.length} strict compile(s) of the package's declarations failed.`);
    process.exitCode = 1;
  }
  const tests = ['consumer.test.mjs', 'consumer.test.cjs', 'entries.test.mjs'];
  for (const file of tests) copyFileSync(join(import.meta.dirname, file), join(app, file));
  execFileSync(process.execPath, ['--test', ...tests], { cwd: app, stdio: 'inherit' });
} finally {
  rmSync(app, { recursive: true, force: true });
  rmSync(join(tmpdir(), packed.filename), { force: true });
}
