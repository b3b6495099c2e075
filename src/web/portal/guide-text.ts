/**
 * "1.甲；\n2.乙。" → ["甲；", "乙。"]: a guide's numbered text (受理条件, 办理流程, 设定依据) as list entries,
 * so the page shows a list instead of one paragraph. Mirrors textSteps in src/server/platform/web-pages.ts
 * (the same lists in the HTML sent before the JavaScript runs).
 */
export function textSteps(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(/^(?:\d+[.、．)]|[（(]\d+[）)])\s*/, ''))
    .filter(Boolean);
}
