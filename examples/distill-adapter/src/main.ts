import { RetrievekitError } from '@retrievekit/core';
import { parseOptions } from './parse-options.js';
import { runDistillAdapter } from './run-distill-adapter.js';

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };

parseOptions(process.argv.slice(2))
  .then((options) => runDistillAdapter(io, options))
  .then(
    (result) => {
      process.exitCode = result === undefined ? 1 : 0;
    },
    (error: unknown) => {
      const message = RetrievekitError.isInstance(error) ? error.message : String(error);
      process.stderr.write(`distill-adapter: ${message}\n`);
      process.exitCode = 1;
    },
  );
