// Compiles a strict TypeScript consumer against the installed tarball's declarations, the way a strict team
// would: skipLibCheck false, every entry of package.json "exports", ESM and CommonJS, moduleResolution node16
// and bundler, with each TypeScript major we support. A declaration error anywhere in the package fails it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const COMPILERS = [
  { name: 'TypeScript 5', tsc: join(root, 'node_modules/typescript5/bin/tsc') },
  { name: 'TypeScript 6', tsc: join(root, 'node_modules/typescript/bin/tsc') },
];

// Each setting a consumer may use: the file extension decides ESM or CommonJS under node16.
const SETUPS = [
  { name: 'node16 ESM', file: 'consumer.mts', options: { module: 'node16', moduleResolution: 'node16' } },
  { name: 'node16 CommonJS', file: 'consumer.cts', options: { module: 'node16', moduleResolution: 'node16' } },
  { name: 'bundler ESM', file: 'consumer.ts', options: { module: 'esnext', moduleResolution: 'bundler' } },
  { name: 'bundler CommonJS', file: 'consumer.cts', options: { module: 'preserve', moduleResolution: 'bundler' } },
];

/** The entries a consumer can import, read from package.json so that a new one is checked without an edit here. */
function entries() {
  const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
}

/** Imports every entry, and uses the types a handler author meets first, so that they must resolve too. */
function consumerSource(specifiers, commonjs) {
  // CommonJS files import with require, so that the "require" condition (the .d.cts declarations) is the one read.
  const imports = specifiers.map((specifier, index) =>
    commonjs ? `import entry${index} = require('${specifier}');` : `import * as entry${index} from '${specifier}';`,
  );
  return [
    ...imports,
    commonjs
      ? 'type MtaEvent = entry0.MtaEvent; type MtaReceiverOptions = entry0.MtaReceiverOptions; type HttpsmsEvent = entry0.HttpsmsEvent;'
      : "import type { MtaEvent, MtaReceiverOptions, HttpsmsEvent } from 'sms-webhooks';",
    `export const loaded: readonly unknown[] = [${specifiers.map((_, index) => `entry${index}`).join(', ')}];`,
    "export const options: MtaReceiverOptions = { secret: 's', handlers: { 'message-reply': (event) => event.normalized.isOptOut } };",
    'export function describe(event: MtaEvent | HttpsmsEvent): string {',
    "  return event.provider === 'mta' && event.type === 'delivery-status' ? event.normalized.status.name : event.type;",
    '}',
    '',
  ].join('\n');
}

/** Runs every compiler over every setup in the consumer app; returns the failures. */
export function compileConsumers(app) {
  const specifiers = entries();
  const failures = [];
  for (const setup of SETUPS) {
    const dir = join(app, 'types', setup.name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, setup.file), consumerSource(specifiers, setup.file.endsWith('.cts')));
    const compilerOptions = {
      ...setup.options,
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      types: ['node'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [setup.file] }, null, 2));
    for (const compiler of COMPILERS) {
      const label = `${compiler.name}, ${setup.name}, skipLibCheck false (${specifiers.join(', ')})`;
      try {
        execFileSync(process.execPath, [compiler.tsc, '-p', dir], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
        console.log(`ok: ${label}`);
      } catch (error) {
        failures.push(`${label}\n${error.stdout}${error.stderr}`);
        console.error(`FAILED: ${label}\n${error.stdout}`);
      }
    }
  }
  return failures;
}
