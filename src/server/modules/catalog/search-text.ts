/**
 * Chinese search without a dictionary: text is normalised (NFKC, lower case) and cut into
 * grams — overlapping character bigrams of every run of Han characters (a lone character stays
 * whole) and whole Latin/digit words. Items store the grams of their name and of their other
 * searchable words; a query matches through its grams and those of the synonyms it contains
 * (开公司 → 企业设立登记), so 营业执照办理 still finds 营业执照 and a typo costs one gram, not the match.
 * PROBES.md: ICU word segments alone miss 住房|公|积|金, so grams are the base and segments are not needed.
 */

const runs = /[\p{Script=Han}]+|[a-z0-9]+/gu;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The distinct grams of a text, in order of first appearance. */
export function grams(text: string): string[] {
  const out = new Set<string>();
  for (const match of normalize(text).matchAll(runs)) {
    const run = match[0];
    if (!/\p{Script=Han}/u.test(run)) {
      out.add(run);
      continue;
    }
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return [...out];
}

export type Synonym = { term: string; expansions: string[] };

/**
 * The query and the expansions of the synonym terms it contains, longest match first: a term found
 * only inside a longer matched term does not count (死亡证明 expands as 死亡证明, not also as 死亡;
 * 社保卡 as 社保卡, not also as 社保).
 */
export function expandQuery(query: string, synonyms: Synonym[]): string[] {
  const q = normalize(query);
  const found = synonyms
    .map((s) => ({ term: normalize(s.term), expansions: s.expansions }))
    .filter((s) => s.term.length > 0 && q.includes(s.term))
    .sort((a, b) => b.term.length - a.term.length);
  const covered = new Array<boolean>(q.length).fill(false);
  const terms = [q];
  for (const s of found) {
    const at: number[] = [];
    for (let i = q.indexOf(s.term); i >= 0; i = q.indexOf(s.term, i + 1)) at.push(i);
    const free = at.filter((i) => covered.slice(i, i + s.term.length).some((c) => !c));
    if (free.length === 0) continue;
    for (const i of free) covered.fill(true, i, i + s.term.length);
    terms.push(...s.expansions.map(normalize));
  }
  return [...new Set(terms)];
}

/**
 * Candidate keys of a query: for each term, each pair of neighbouring grams (a three-character
 * window), or the single gram of a short term. An item is a candidate when it holds both grams of
 * some pair — selective enough for a GIN index at 100,000 items, while a typo still leaves
 * the other pairs of a longer query intact.
 */
export function candidateKeys(terms: string[]): string[][] {
  const keys = new Map<string, string[]>();
  for (const term of terms) {
    const g = grams(term);
    const pairs = g.length <= 1 ? [g] : g.slice(1).map((x, i) => [g[i], x]);
    for (const p of pairs) if (p.length) keys.set(p.join('|'), p);
  }
  return [...keys.values()];
}
