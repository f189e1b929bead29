// The README and the pages in docs/ link to each other and to files in the repository. Every relative link
// must lead to a tracked file, and a link to a heading (`page.md#section`) to a heading that page has, so a
// page moved or a section renamed breaks this test instead of a reader's click.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/data';

const tracked = new Set(
  execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean),
);
const pages = [...tracked].filter((path) => path === 'README.md' || /^docs\/[^/]+\.md$/.test(path)).sort();

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The text outside fenced code blocks, where a `#` or `[x](y)` is code rather than Markdown. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = headingAnchor(match[1] ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative links `[text](target)` in a page's prose; web addresses and mail links are not ours to check. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links in the README and docs/', () => {
  it('finds the front door and a page per capability', () => {
    for (const page of [
      'README.md',
      'docs/api.md',
      'docs/model.md',
      'docs/finance.md',
      'docs/alerts.md',
      'docs/import-export.md',
      'docs/dashboard.md',
      'docs/deployment.md',
      'docs/benchmarks.md',
      'docs/architecture.md',
      'docs/domain.md',
    ])
      expect(pages).toContain(page);
  });

  it('every relative link leads to a tracked file, and every #section to a heading of that page', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(REPO_ROOT, page), 'utf8');
      for (const link of linksOf(text)) {
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? page : normalize(join(dirname(page), path));
        const isFolder = [...tracked].some((file) => file.startsWith(`${target.replace(/\/$/, '')}/`));
        if (!tracked.has(target) && !isFolder) {
          broken.push(`${page}: ${link} (no tracked file ${target})`);
          continue;
        }
        if (
          anchor &&
          target.endsWith('.md') &&
          !anchorsOf(readFileSync(join(REPO_ROOT, target), 'utf8')).has(anchor)
        )
          broken.push(`${page}: ${link} (${target} has no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('turns headings into the anchors GitHub gives them', () => {
    expect(headingAnchor('Output contract (`--json`)')).toBe('output-contract---json');
    expect(headingAnchor('Finance: spend, budgets, outturn and the DSG plan')).toBe(
      'finance-spend-budgets-outturn-and-the-dsg-plan',
    );
    expect(headingAnchor('Natural key, duplicates and resume')).toBe('natural-key-duplicates-and-resume');
  });
});
