#!/usr/bin/env node
// The `spectramind` executable: run the command line, exit with its documented code.
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
