#!/usr/bin/env node
import { createReadStream, existsSync } from 'node:fs';

// lrlab: the engine's command line, running the WebAssembly build under Node.
//   lrlab schedule SPEC.json   (or "-" for stdin)  -> the LR trajectory as JSON on stdout
//   lrlab train SPEC.json                          -> the training result as JSON on stdout
// Exit status: 0 ok, 2 bad input (invalid spec, unreadable file; message on stderr),
// 1 any other failure.

const USAGE = `usage: lrlab schedule SPEC.json|-
       lrlab train SPEC.json|- [--epochs-only]
       lrlab --version

SPEC is a JSON run-spec: a case of schedules.json / training.json without "expected".
Output is JSON on stdout with every double in shortest round-trip form.`;

const engineUrl = new URL('../../dist/engine/lrlab-node.mjs', import.meta.url);

// The engine refuses specs over 64 MiB (wasm/src/spec/spec_text.hpp). Reading stops one
// byte past that, so `lrlab schedule - < /dev/zero` ends with the size error instead of
// filling memory.
const MAX_SPEC_BYTES = 64 * 1024 * 1024;

async function readSpec(arg) {
  const stream = arg === '-' ? process.stdin : createReadStream(arg);
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_SPEC_BYTES) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks)
    .subarray(0, MAX_SPEC_BYTES + 1)
    .toString('utf8');
}

async function main(argv) {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!command) {
    process.stderr.write(`${USAGE}\n`); // a usage error: nothing on stdout for a pipe to read
    return 2;
  }
  if (command === '--version') {
    const { version } = await import(engineUrl.href);
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (!['schedule', 'train'].includes(command) || !file) {
    process.stderr.write(`lrlab: expected "schedule SPEC" or "train SPEC"\n${USAGE}\n`);
    return 2;
  }
  const unknown = rest.filter((a) => !(command === 'train' && a === '--epochs-only'));
  if (unknown.length) {
    process.stderr.write(`lrlab: unknown argument ${JSON.stringify(unknown[0])}\n${USAGE}\n`);
    return 2;
  }
  if (!existsSync(new URL('lrlab_core.wasm', engineUrl))) {
    process.stderr.write(
      'lrlab: the engine files are missing beside the CLI (in a clone of the repository: npm run build)\n',
    );
    return 1;
  }
  let text;
  try {
    text = await readSpec(file);
  } catch (e) {
    process.stderr.write(`lrlab: cannot read ${file}: ${e.message}\n`);
    return 2;
  }
  const { createEngine, SpecError } = await import(engineUrl.href);
  const engine = await createEngine();
  try {
    let result;
    if (command === 'schedule') {
      result = engine.schedule(text);
    } else {
      result = await engine.train(text);
      if (rest.includes('--epochs-only')) result = result.epochs;
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`lrlab: ${e?.message ?? e}\n`);
    // the other command's spec: say which command reads it
    if (e instanceof SpecError && /unknown key/.test(e.message)) {
      const other = command === 'schedule' ? /"(data|model|epochs|batch_size)"\s*:/ : /"steps"\s*:/;
      if (other.test(text))
        process.stderr.write(
          `lrlab: this looks like a ${command === 'schedule' ? 'training' : 'schedule'} run-spec: try \`lrlab ${command === 'schedule' ? 'train' : 'schedule'} ${file}\`\n`,
        );
    }
    // Bad input: an invalid spec, a run PyTorch refuses, a run too large for the heap.
    return e instanceof SpecError || e?.kind === 'run' || e?.kind === 'memory' ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
