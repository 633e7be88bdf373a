import { RetrievekitError } from '@retrievekit/core';
import { runDemo } from './demo.js';

runDemo({ stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = RetrievekitError.isInstance(error) ? error.message : String(error);
    process.stderr.write(`scifact-demo: ${message}\n`);
    process.exitCode = 1;
  },
);
