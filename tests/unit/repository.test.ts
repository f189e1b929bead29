// The repository stands alone: a clone with nothing beside it has everything its product, tests and docs
// read. No tracked file may point outside the clone, neither to a sibling folder nor to a machine's path.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/data';

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path && existsSync(join(REPO_ROOT, path)));
const textFiles = tracked.filter((path) => !/\.(xlsx|png|jpe?g|gif|ico|woff2?|br)$/.test(path));

// A sibling folder (the build machine's shared folder beside the clone) or a machine's absolute path. `#!/usr/bin/env` and
// URLs are fine: they name no machine's files.
const OUTSIDE = [
  { what: 'a sibling folder', pattern: /\.\.\/share[d]\b/ /* written so this file does not name it */ },
  { what: 'an absolute path', pattern: /(?<![\w.:/-])\/(?:work|home|Users|root|tmp|opt|mnt|srv)\/[\w.-]/ },
  { what: 'a Windows path', pattern: /\b[A-Z]:\\\\?[\w]/ },
];

describe('the repository stands alone', () => {
  it('has every data set it uses, each with its SOURCE.md', () => {
    for (const dir of ['data/witan-send-demo', 'data/ons-population'])
      expect(tracked, dir).toContain(`${dir}/SOURCE.md`);
    expect(tracked).toContain('data/witan-send-demo/transitions.csv');
  });

  it('no tracked file names the sibling shared folder or an absolute path', () => {
    const found: string[] = [];
    for (const path of textFiles) {
      if (path === 'package-lock.json') continue; // registry URLs and integrity hashes only
      const lines = readFileSync(join(REPO_ROOT, path), 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const { what, pattern } of OUTSIDE)
          if (pattern.test(line)) found.push(`${path}:${index + 1}: ${what}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });
});
