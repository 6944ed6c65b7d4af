// The README's set-up and .ci/run are the same commands in the same order,
// so CI runs exactly what a newcomer is told to run.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { APT_LINE, ROOT } from '../scripts/setup.mjs';

/** The commands of the README's first shell block under "## Two commands". */
export function readmeCommands(markdown) {
  const section = markdown.split(/^## Two commands$/m)[1] ?? '';
  const block = section.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// A line that installs, builds or tests: a package manager, a Rust tool, or
// one of the project's scripts. Probes (node -e) and shell plumbing are not.
const COMMAND = /\b(?:apt-get|apt|npm|npx|cargo|rustup|wasm-bindgen|wasm-opt|curl|wget|node scripts\/)\b.*/;

/**
 * The commands .ci/run runs, without redirections or a trailing `&`; text
 * in quotes on a line (messages) is not a command.
 */
export function ciCommands(script) {
  return script
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .map((line) => line.replace(/"[^"]*"|'[^']*'/g, '').match(COMMAND)?.[0])
    .filter(Boolean)
    .map((cmd) =>
      cmd
        .replace(/\s*(?:\d?>>?|<)\s*\S+/g, '')
        .replace(/\s*&$/, '')
        .trim(),
    );
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');

test("the README's set-up is the apt-get line, npm start and npm test", () => {
  assert.deepEqual(readmeCommands(readme), [APT_LINE, 'npm start', 'npm test']);
});

test('.ci/run runs the README\'s commands, in the same order, and nothing more', () => {
  assert.deepEqual(ciCommands(ci), readmeCommands(readme));
});

test('an extra or reordered command in .ci/run is seen', () => {
  const extra = ci.replace('npm test', 'npm ci\nnpm test');
  assert.notDeepEqual(ciCommands(extra), readmeCommands(readme));
  const swapped = '#!/bin/sh\necho "before npm start"\nnpm test\nsetsid npm start &\n';
  assert.deepEqual(ciCommands(swapped), ['npm test', 'npm start']);
});

test('comments in the README block are not commands', () => {
  const md = '## Two commands\n\n```sh\n# first\nnpm start   # serves\nnpm test\n```\n';
  assert.deepEqual(readmeCommands(md), ['npm start', 'npm test']);
});
