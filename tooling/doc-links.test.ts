import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house is written inside the repository (docs/ARCHITECTURE.md, docs/testing.md "Tooling tests"):
 * whoever clones the project must be able to follow every link and every citation. This fails on
 * - a relative link in README.md, CONTRIBUTING.md, docs/**.md or a package README that does not
 *   resolve to a file of the repository (or to a heading of it, for `#anchor`);
 * - a path in backticks in those files that starts with a top-level folder and does not exist
 *   (unless its line says "planned");
 * - a document cited in code (`DOMAIN.md`, `docs/STYLE.md rule 7`, `docs/DOMAIN.md "Roles"`,
 *   `docs/DOMAIN.md#coverage-rules`) that is not a file of the repository, or lacks the heading,
 *   anchor or rule it names;
 * - a source tag (`[S19]`) that docs/sources.md does not define;
 * - a reference to the research or seed folders outside the repository.
 * The first block proves each check bites on sample text; the second runs them over the repository.
 */

const REPO = path.resolve(import.meta.dirname, '..');
const THIS_FILE = path.relative(REPO, import.meta.filename);

type Heading = { text: string; slug: string; ruleNumber: number | null };

/** Heading text as GitHub shows it: links become their text, code and emphasis marks go. */
function plainHeading(raw: string): string {
  return raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces → '-'. */
function slugOf(text: string): string {
  return plainHeading(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let isFenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      isFenced = !isFenced;
      return;
    }
    if (!isFenced) out.push({ line: i + 1, text });
  });
  return out;
}

function headingsOf(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const headings: Heading[] = [];
  for (const { text } of proseLines(markdown)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!m) continue;
    const base = slugOf(m[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const plain = plainHeading(m[1]!);
    const rule = /^(\d+)\.\s/.exec(plain);
    headings.push({ text: plain, slug: count === 0 ? base : `${base}-${count}`, ruleNumber: rule ? Number(rule[1]) : null });
  }
  return headings;
}

/** A file system the checks read: the real repository, or a few files in a test. */
type Files = { exists(rel: string): boolean; read(rel: string): string };

const repoFiles: Files = {
  exists: (rel) => fs.existsSync(path.join(REPO, rel)),
  read: (rel) => fs.readFileSync(path.join(REPO, rel), 'utf8'),
};

function headingsOfFile(files: Files, rel: string): Heading[] {
  return rel.endsWith('.md') && files.exists(rel) ? headingsOf(files.read(rel)) : [];
}

/** Tags defined in docs/sources.md: the first cell of a table row, `| [S19] |`. */
function definedTags(sourcesMd: string): Set<string> {
  return new Set([...sourcesMd.matchAll(/^\|\s*\[(S\d+[a-z]?)\]\s*\|/gm)].map((m) => m[1]!));
}

/** References to the research and seed material that lives outside the repository. */
const OUTSIDE = [
  { pattern: /policy-research/, why: 'cites the research notes, which are not in the repository: cite docs/DOMAIN.md or a source tag from docs/sources.md' },
  { pattern: /(?:^|[^\w.-])(?:\.\.\/)+shared\//, why: 'points outside the repository (../shared/)' },
  { pattern: /\bshared\/(?:docs|seed)\b/, why: 'cites shared/docs or shared/seed, which are not in the repository: cite docs/' },
  { pattern: /\bseed\/000/, why: 'cites the seed text, which is not in the repository: cite docs/founding-story.md' },
  { pattern: /§\s?\d/, why: 'cites a section number of the research notes: cite a heading of docs/DOMAIN.md' },
];

function outsideProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, why } of OUTSIDE) if (pattern.test(line)) problems.push(`${where}:${i + 1}: ${why}`);
  });
  return problems;
}

function tagProblems(where: string, text: string, tags: Set<string>): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\[(S\d+[a-z]?)(?=[\]\s])/g)) {
      if (!tags.has(m[1]!)) problems.push(`${where}:${i + 1}: source tag [${m[1]}] is not defined in docs/sources.md`);
    }
  });
  return problems;
}

/** Whether `rel` (a path from the repository root) stays inside the repository. */
function isInside(rel: string): boolean {
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Top-level folders whose paths in backticks must exist. Build output is not in a fresh clone. */
const CHECKED_PATH = /^(?:packages|e2e|bench|tooling|docs|\.ci)\/[^\s*<>{}…|]*$/;
const GENERATED = /(?:^|\/)(?:dist|node_modules|test-results|playwright-report)(?:\/|$)/;

/** Problems of one markdown file (`rel`, from the repository root). */
function markdownProblems(files: Files, rel: string, tags: Set<string>): string[] {
  const text = files.read(rel);
  const dir = path.posix.dirname(rel);
  const problems = [...outsideProblems(rel, text), ...tagProblems(rel, text, tags)];
  for (const { line, text: lineText } of proseLines(text)) {
    const where = `${rel}:${line}`;
    const withoutCode = lineText.replace(/`[^`]*`/g, '``');
    const targets = [
      ...[...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
      ...[...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]!),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [file = '', anchor] = target.split('#');
      const resolved = file === '' ? rel : path.posix.normalize(path.posix.join(dir, decodeURI(file)));
      if (!isInside(resolved)) {
        problems.push(`${where}: link ${target} points outside the repository`);
        continue;
      }
      if (!files.exists(resolved)) {
        problems.push(`${where}: link ${target}: ${resolved} does not exist`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !headingsOfFile(files, resolved).some((h) => h.slug === anchor)) {
        problems.push(`${where}: link ${target}: ${resolved} has no heading #${anchor}`);
      }
    }
    if (/planned/i.test(lineText)) continue;
    for (const m of lineText.matchAll(/`([^`]+)`/g)) {
      const candidate = m[1]!.replace(/[.,;:]+$/, '');
      if (!CHECKED_PATH.test(candidate) || GENERATED.test(candidate)) continue;
      if (!files.exists(candidate)) problems.push(`${where}: \`${candidate}\` does not exist (write "planned" on the line if it is)`);
    }
  }
  return problems;
}

/**
 * Documents cited in code. A token counts as a citation when it ends in `.md` and has a folder
 * (`docs/DOMAIN.md`), an upper-case name (`DOMAIN.md`, `README.md`) or a hyphenated name
 * (`clues-and-cases-api.md`); `screens.md` (antd's breakpoints) is code, not a citation.
 */
const CITATION = /(?<![\w./-])((?:[\w.-]+\/)*[\w.-]+\.md)(#[^\s)"'`,;\]]+)?/g;

function isCitationName(token: string): boolean {
  const base = token.split('/').pop()!;
  return token.includes('/') || /^[A-Z][A-Z0-9_-]*\.md$/.test(base) || base.slice(0, -3).includes('-');
}

/** Problems of one source file (`rel`, from the repository root). */
function codeProblems(files: Files, rel: string, tags: Set<string>): string[] {
  const text = files.read(rel);
  const problems = [...outsideProblems(rel, text), ...tagProblems(rel, text, tags)];
  text.split('\n').forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    for (const m of line.matchAll(CITATION)) {
      const token = m[1]!;
      // Research and seed files outside the repository are reported once, by outsideProblems.
      if (!isCitationName(token) || OUTSIDE.some(({ pattern }) => pattern.test(token))) continue;
      const fromFile = path.posix.normalize(path.posix.join(path.posix.dirname(rel), token));
      const target = [token, fromFile].find((candidate) => isInside(candidate) && files.exists(candidate));
      if (!target) {
        const hint = files.exists(`docs/${token}`) ? ` (did you mean docs/${token}?)` : '';
        problems.push(`${where}: cites ${token}, which is not a file of the repository${hint}`);
        continue;
      }
      const headings = headingsOfFile(files, target);
      const anchor = m[2]?.slice(1);
      if (anchor && !headings.some((h) => h.slug === anchor)) problems.push(`${where}: ${target} has no heading #${anchor}`);
      const after = line.slice(m.index + m[0].length);
      const quoted = /^[,:]?\s*["“]([^"”]+)["”]/.exec(after);
      if (quoted && !headings.some((h) => h.text.toLowerCase().includes(quoted[1]!.toLowerCase()))) {
        problems.push(`${where}: ${target} has no heading "${quoted[1]}"`);
      }
      const rule = /^,?\s*rules?\s+(\d+)/.exec(after);
      if (rule && !headings.some((h) => h.ruleNumber === Number(rule[1]))) problems.push(`${where}: ${target} has no rule ${rule[1]}`);
    }
  });
  return problems;
}

// ── the checks bite ───────────────────────────────────────────────────────────────────────────────

function fakeFiles(contents: Record<string, string>): Files {
  const dirs = new Set(Object.keys(contents).flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  return { exists: (rel) => rel in contents || dirs.has(rel.replace(/\/$/, '')), read: (rel) => contents[rel] ?? '' };
}

const SAMPLE_DOCS = {
  'docs/DOMAIN.md': '# Domain\n\n## Income accounting\n\n## Coverage rules\n\n## Roles\n',
  'docs/STYLE.md': '# Style\n\n### 1. Rules are pure\n\n### 7. Decisions and reveals write their audit row in the same transaction\n',
  'docs/sources.md': '| tag | what |\n|---|---|\n| [S19] | Qin\'an county Q&A |\n| [S43b] | county thresholds |\n',
  'packages/domain/src/ids/id-number.ts': '',
};
const SAMPLE_TAGS = definedTags(SAMPLE_DOCS['docs/sources.md']);

function problemsOfCode(code: string): string[] {
  const files = fakeFiles({ ...SAMPLE_DOCS, 'packages/domain/src/x.ts': code });
  return codeProblems(files, 'packages/domain/src/x.ts', SAMPLE_TAGS);
}

function problemsOfMarkdown(markdown: string): string[] {
  const files = fakeFiles({ ...SAMPLE_DOCS, 'docs/NEW.md': markdown });
  return markdownProblems(files, 'docs/NEW.md', SAMPLE_TAGS);
}

describe('the doc checks bite', () => {
  it.each([
    ['# Étape 1. Who is monitored?', 'étape-1-who-is-monitored'],
    ['## Property check (财产检索)', 'property-check-财产检索'],
    ['### 2. A workflow is a transition table the compiler checks', '2-a-workflow-is-a-transition-table-the-compiler-checks'],
    ['## `packages/domain/src`', 'packagesdomainsrc'],
    ['## Steps and [limits](x.md)', 'steps-and-limits'],
  ])('slug of %j is %j', (heading, slug) => {
    expect(headingsOf(heading)[0]?.slug).toBe(slug);
  });

  it('numbers a repeated heading as GitHub does', () => {
    expect(headingsOf('## Data\n\n## Data\n').map((h) => h.slug)).toEqual(['data', 'data-1']);
  });

  it.each([
    ['// Income (DOMAIN.md, Income accounting).', 'cites DOMAIN.md, which is not a file of the repository (did you mean docs/DOMAIN.md?)'],
    ['// see policy-research.md §3.1', 'not in the repository'],
    ['// policy-research §5.3 [S19]', 'cites the research notes'],
    ['/** founding story (shared/seed/README.md) */', 'shared/docs or shared/seed'],
    ['// `../shared/docs/STYLE.md`', 'outside the repository'],
    ['// the seed (seed/000, [S19])', 'cites the seed text'],
    ['// income window (§2.3)', 'cites a section number of the research notes'],
    ['// docs/DOMAIN.md#no-such-section', 'has no heading #no-such-section'],
    ['// docs/DOMAIN.md "Red flags"', 'has no heading "Red flags"'],
    ['// docs/STYLE.md rule 99', 'has no rule 99'],
    ['// a threshold [S999]', 'source tag [S999] is not defined'],
    ['// a threshold [S76 UNCERTAIN]', 'source tag [S76] is not defined'],
    ["const RULE = 'docs/DOMAIN.md#coverage-rule [S19]';", 'has no heading #coverage-rule'],
  ])('code %j is refused', (code, expected) => {
    expect(problemsOfCode(code).join('\n')).toContain(expected);
  });

  it.each([
    ['// (docs/DOMAIN.md, Income accounting; [S19][S43b])'],
    ['// docs/DOMAIN.md "Coverage rules" and docs/DOMAIN.md "income accounting"'],
    ["const RULE = 'docs/DOMAIN.md#coverage-rules [S19]';"],
    ['// docs/STYLE.md rule 7, docs/STYLE.md rules 1'],
    ['const isMobile = !(screens.md ?? true);'],
    ['// array[S] and a regex /[S0-9]/ are not tags'],
  ])('code %j passes', (code) => {
    expect(problemsOfCode(code)).toEqual([]);
  });

  it.each([
    ['See [the domain](../../shared/docs/DOMAIN.md).', 'points outside the repository'],
    ['See [the domain](NOPE.md).', 'docs/NOPE.md does not exist'],
    ['See [coverage](DOMAIN.md#coverage).', 'has no heading #coverage'],
    ['See [below](#nowhere).\n\n## Somewhere', 'has no heading #nowhere'],
    ['The rules are in `packages/domain/src/rules.ts`.', '`packages/domain/src/rules.ts` does not exist'],
    ['As [S20] says.', 'source tag [S20] is not defined'],
  ])('markdown %j is refused', (markdown, expected) => {
    expect(problemsOfMarkdown(markdown).join('\n')).toContain(expected);
  });

  it.each([
    ['See [the domain](DOMAIN.md), [roles](DOMAIN.md#roles), [below](#here) and [the web](https://example.org/a.md).\n\n## Here'],
    ['The id check is `packages/domain/src/ids/id-number.ts`; contracts go in `packages/domain/src/contracts/` (planned).'],
    ['Built to `packages/web/dist`; globs such as `packages/*/src` and `packages/server/src/modules/<area>` are not paths.'],
    ['```sh\nnpx fangpin assess packages/nowhere.json\n[x](nowhere.md)\n```'],
    ['A fact `[S19]`.'],
  ])('markdown %j passes', (markdown) => {
    expect(problemsOfMarkdown(markdown)).toEqual([]);
  });
});

// ── the repository ────────────────────────────────────────────────────────────────────────────────

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'migrations']);

function walk(relDir: string, keep: (rel: string) => boolean): string[] {
  const abs = path.join(REPO, relDir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = relDir === '.' ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...walk(rel, keep));
    } else if (keep(rel)) out.push(rel);
  }
  return out;
}

function markdownFiles(): string[] {
  const packageReadmes = fs
    .readdirSync(path.join(REPO, 'packages'))
    .map((p) => `packages/${p}/README.md`)
    .filter((rel) => repoFiles.exists(rel));
  return ['README.md', 'CONTRIBUTING.md', ...walk('docs', (rel) => rel.endsWith('.md')), ...packageReadmes].filter((rel) => repoFiles.exists(rel));
}

function sourceFiles(): string[] {
  const code = (rel: string) => /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/.test(rel) && rel !== THIS_FILE;
  return [
    ...['packages', 'e2e', 'bench', 'tooling'].flatMap((dir) => walk(dir, code)),
    ...walk('.ci', () => true),
    ...fs.readdirSync(REPO).filter((name) => code(name) && fs.statSync(path.join(REPO, name)).isFile()),
  ];
}

describe('the repository', () => {
  const tags = definedTags(repoFiles.read('docs/sources.md'));

  it('defines the source tags in docs/sources.md', () => {
    expect(tags.size).toBeGreaterThan(80);
    expect(tags.has('S27')).toBe(true);
    expect(tags.has('S43b')).toBe(true);
  });

  it('has the house documents', () => {
    for (const doc of ['README.md', 'CONTRIBUTING.md', 'docs/ARCHITECTURE.md', 'docs/DOMAIN.md', 'docs/STYLE.md', 'docs/testing.md', 'docs/sources.md', 'docs/founding-story.md']) {
      expect(repoFiles.exists(doc), doc).toBe(true);
    }
  });

  it('resolves every link, path and source tag in README.md, CONTRIBUTING.md, docs/ and the package READMEs', () => {
    const files = markdownFiles();
    expect(files).toContain('docs/DOMAIN.md');
    expect(files.flatMap((rel) => markdownProblems(repoFiles, rel, tags))).toEqual([]);
  });

  it('cites only documents of the repository, with headings, rules and source tags that exist, from code', () => {
    const files = sourceFiles();
    expect(files).toContain('packages/domain/src/workflow/identification.ts');
    expect(files.flatMap((rel) => codeProblems(repoFiles, rel, tags))).toEqual([]);
  });
});
