import type { AppContext } from '../../platform/context.ts';
import { maskName } from '../../platform/crypto.ts';
import { validateIdNumber } from '../../platform/identifiers.ts';
import { findPersonByIdIndex } from '../identity/index.ts';
import type { CaseSearch } from './list-repo.ts';

/** 办件编号: the stored region prefix (2–12 digits), the day (8) and a five-digit serial; bundle cases start with B. */
export const CASE_NUMBER = /^B?\d{15,25}$/;

/**
 * Turns the text typed into a search box into a case search: a case number or its start (six digits or more), an ID
 * number (GB 11643, looked up by its blind index: the number is never stored or compared in the clear), a person's
 * name (compared in its masked form, as lists show it) with an organisation's name, or — for the applicant's own
 * list — words of the item's name.
 */
export async function resolveCaseSearch(ctx: AppContext, text: string, forParty = false): Promise<CaseSearch> {
  const q = text.replace(/\s+/g, '');
  if (/^\d{17}[\dXx]$/.test(q) && validateIdNumber(q.toUpperCase()).ok) {
    const person = await findPersonByIdIndex(ctx.db, ctx.cipher.blindIndex(`id:${q.toUpperCase()}`));
    return { kind: 'persons', personIds: person ? [person.id] : [] };
  }
  if (/^B?\d{6,25}$/.test(q)) return { kind: 'number', prefix: q };
  if (forParty) return { kind: 'text', text: q };
  return { kind: 'name', masked: maskName(q), text: q };
}
