#!/usr/bin/env node
// The local cloud's entry point: `node dist/localcloud.js --port 4566 --state-dir DIR [--host H] [--seed N]`.
// Prints one JSON ready line on stdout (`{"event":"ready","port":...}`) that the extension waits for; logs go to
// stderr. Exit codes: 0 after SIGINT/SIGTERM, 2 for bad arguments, 3 when the port is in use, 1 otherwise.
import { describeError } from '../core/errors';
import { EXIT_CODES, runLocalCloud } from './runLocalCloud';

runLocalCloud(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`localcloud: ${describeError(error)}\n`);
    process.exit(EXIT_CODES.failure);
  },
);
