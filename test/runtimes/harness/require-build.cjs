/* global __dirname */
// Jest globalSetup for `npm run test:runtimes`: the runtimes load the built package, which this step does not
// build (CI builds once, before). Say so plainly instead of failing each file with a module-not-found.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function requireBuild() {
  const entry = join(__dirname, '..', '..', '..', 'dist', 'fetch.js');
  if (!existsSync(entry)) {
    throw new Error(`test:runtimes needs the built package, and ${entry} is missing: run \`npm run build\` first.`);
  }
};
