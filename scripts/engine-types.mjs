// Build step: asks the freshly built engine to describe itself (engine.describe(): every
// scheduler's and optimizer's declared parameters) and writes what derives from it:
//   dist/engine/schedulers.json   the description, for the site and for tools
//   dist/engine/lrlab-specs.d.ts  the spec types: a discriminated union of scheduler specs
//                                 and of optimizer specs with typed kwargs
// Nothing here is typed by hand: a scheduler added in C++ appears in both files.
// Usage: node scripts/engine-types.mjs [outDir]   (default dist/engine)

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {{name: string, kind: string, doc: string, required: boolean, nullable: boolean,
 *   per_group: boolean, domain: string, default?: unknown, choices?: string[],
 *   any_string?: boolean, any_string_with?: string, min_items?: number, max_items?: number}} ParamDescription
 * @typedef {{type: string, description: string, step: string, needs_metric: boolean,
 *   cycles_momentum: boolean, holds_children: boolean, takes_last_epoch: boolean,
 *   takes_verbose: boolean, takes_step_epochs: boolean, params: ParamDescription[]}} SchedulerDescription
 * @typedef {{type: string, description: string, params: ParamDescription[]}} OptimizerDescription
 * @typedef {{torch: string, schedulers: SchedulerDescription[], optimizers: OptimizerDescription[]}} EngineDescription
 */

/** The TypeScript type of one parameter's value. @param {ParamDescription} p */
function valueType(p) {
  let t;
  switch (p.kind) {
    case 'integer':
    case 'number':
      t = 'number';
      break;
    case 'boolean':
      t = 'boolean';
      break;
    case 'enum': {
      const names = (p.choices ?? []).map((c) => JSON.stringify(c));
      // Torch runs other strings too (CyclicLR scale_mode; mode with a scale_fn).
      if (p.any_string || p.any_string_with) names.push('(string & {})');
      t = names.join(' | ');
      break;
    }
    case 'expression':
      t = 'string';
      break;
    case 'list':
      t =
        p.min_items === p.max_items && p.max_items
          ? `[${Array(p.max_items).fill('number').join(', ')}]`
          : 'number[]';
      break;
    case 'schedulers':
      t = 'SchedulerSpec[]';
      break;
    default:
      throw new Error(`unknown parameter kind ${p.kind} (${p.name})`);
  }
  if (p.per_group) t = `${t.includes('|') ? `(${t})` : t} | Array<${t}>`;
  if (p.nullable) t += ' | null';
  return t;
}

/** @param {ParamDescription} p @param {string} indent @param {boolean} optional */
function member(p, indent, optional) {
  const def = p.required ? '' : ` Default ${JSON.stringify(p.default ?? null)}.`;
  const doc = `${indent}/** ${p.doc}. Accepts ${p.domain}.${def} */\n`;
  return `${doc}${indent}${p.name}${optional || !p.required ? '?' : ''}: ${valueType(p)};\n`;
}

/** @param {EngineDescription} d */
export function specTypes(d) {
  let out =
    "// Generated at build time by scripts/engine-types.mjs from the engine's own declarations\n" +
    `// (engine.describe(); torch ${d.torch}). Do not edit: change the scheduler's C++ file.\n\n`;
  for (const s of d.schedulers) {
    out += `/** ${s.description} */\nexport interface ${s.type}Spec {\n  type: '${s.type}';\n`;
    for (const p of s.params) out += member(p, '  ', false);
    if (s.takes_last_epoch)
      out += '  /** Only -1 (resume with a state_dict instead). */\n  last_epoch?: -1;\n';
    if (s.takes_verbose) out += '  /** Only prints in torch. */\n  verbose?: boolean;\n';
    out += '}\n\n';
  }
  out += `export type SchedulerSpec =\n${d.schedulers.map((s) => `  | ${s.type}Spec`).join('\n')};\n\n`;
  out += `export type SchedulerType = SchedulerSpec['type'];\n\n`;
  for (const o of d.optimizers) {
    const name = o.type.replace(/[^A-Za-z0-9]/g, '');
    out += `/** A param group of ${o.type}: overrides any kwarg of the optimizer. */\nexport interface ${name}ParamGroup {\n`;
    for (const p of o.params) out += member(p, '  ', true);
    out += '}\n\n';
    out += `/** ${o.description} */\nexport interface ${name}Spec {\n  type: '${o.type}';\n`;
    for (const p of o.params) out += member(p, '  ', false);
    out += `  /** One object per param group, each overriding the kwargs above. */\n  param_groups?: ${name}ParamGroup[];\n}\n\n`;
  }
  out += `export type OptimizerSpec =\n${d.optimizers.map((o) => `  | ${o.type.replace(/[^A-Za-z0-9]/g, '')}Spec`).join('\n')};\n`;
  return out;
}

async function main() {
  const outDir = path.resolve(root, process.argv[2] ?? 'dist/engine');
  const { createEngine } = await import(pathToFileURL(path.join(outDir, 'lrlab-node.mjs')).href);
  const engine = await createEngine();
  /** @type {EngineDescription} */
  const description = engine.describe();
  writeFileSync(path.join(outDir, 'schedulers.json'), `${JSON.stringify(description, null, 1)}\n`);
  writeFileSync(path.join(outDir, 'lrlab-specs.d.ts'), specTypes(description));
  console.log(
    `engine-types: ${description.schedulers.length} schedulers, ${description.optimizers.length} optimizers -> schedulers.json, lrlab-specs.d.ts`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
