/**
 * The items an editor opened or created in this browser, newest first. Drafts cannot be listed
 * through the API yet, so this is how an editor finds them again.
 */
export type RecentItem = { code: string; name: string; at: string };

const STORAGE_KEY = 'tongban.recentItems';
const MAX_RECENT = 8;

/** The remembered items, newest first. */
export function readRecentItems(): RecentItem[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentItem[]).filter((entry) => typeof entry?.code === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers an item as the most recent one. */
export function rememberItem(code: string, name: string): void {
  const next = [{ code, name, at: new Date().toISOString() }, ...readRecentItems().filter((entry) => entry.code !== code)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // private mode: nothing to remember
  }
}

/** 实施编码: 18-character credit code + 行使层级 (1–7) + 12-character basic code. */
export const IMPLEMENTATION_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$/;
