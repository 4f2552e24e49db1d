// Runs a command only when an environment variable is set; otherwise says why it was skipped.
// Used by `npm test` to run the server tests a second time against an external PostgreSQL
// (Debian's PostgreSQL 15 in CI) when FANGPIN_TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';

const [name, separator, ...command] = process.argv.slice(2);
if (!name || separator !== '--' || command.length === 0) {
  console.error('usage: run-if-env.mjs VAR -- command …');
  process.exit(2);
}
if (!process.env[name]) {
  console.log(`${name} is not set: skipping "${command.join(' ')}" (CI sets it to run the server tests on PostgreSQL 15).`);
  process.exit(0);
}
const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
process.exit(run.status ?? 1);
