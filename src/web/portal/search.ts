import type { Department, Hall } from '../api-types.ts';

function normalize(text: string | null | undefined): string {
  return (text ?? '').toLowerCase().replace(/\s+/g, '');
}

/** True when every word of the query occurs in one of the texts. */
function matches(query: string, texts: Array<string | null | undefined>): boolean {
  const words = query.split(/\s+/).map(normalize).filter(Boolean);
  const haystack = texts.map(normalize).join('|');
  return words.every((word) => haystack.includes(word));
}

/** Halls whose name, address or one of whose windows matches the query. */
export function filterHalls(halls: Hall[], query: string): Hall[] {
  if (!query.trim()) return halls;
  return halls.filter((hall) =>
    matches(query, [hall.name, hall.address, ...hall.windows.flatMap((window) => [window.name, window.number])]),
  );
}

/** Departments whose name, short name or credit code matches the query. */
export function filterDepartments(departments: Department[], query: string): Department[] {
  if (!query.trim()) return departments;
  return departments.filter((department) => matches(query, [department.name, department.shortName, department.creditCode]));
}
