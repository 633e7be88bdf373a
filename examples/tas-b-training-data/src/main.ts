import { RetrievekitError } from '@retrievekit/core';
import { buildTrainingData } from './build-training-data.js';
import { parseArgs } from './parse-args.js';

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };

Promise.resolve()
  .then(() => buildTrainingData(io, parseArgs(process.argv.slice(2))))
  .then(
    (result) => {
      process.exitCode = result === undefined ? 1 : 0;
    },
    (error: unknown) => {
      const message = RetrievekitError.isInstance(error) ? error.message : String(error);
      process.stderr.write(`tas-b-training-data: ${message}\n`);
      process.exitCode = 1;
    },
  );
