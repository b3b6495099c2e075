import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errorBody, errorCatalog, fieldMessage, fieldReasonCatalog, pickLang } from './errors.ts';
import { fieldProblemsOf } from './field-problems.ts';

const han = /\p{Script=Han}/u;
/** "中文 / English" (or the other way round) in one string. */
const mixed = /\p{Script=Han}[\p{P}\s]*\s\/\s+[A-Za-z]|[A-Za-z][\p{P}\s]*\s\/\s+\p{Script=Han}/u;

describe('error catalog', () => {
  it('has a 4xx/5xx status and both languages for every code', () => {
    for (const [code, e] of Object.entries(errorCatalog)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.zh.length, code).toBeGreaterThan(1);
      expect(e.en.length, code).toBeGreaterThan(1);
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    }
  });

  it('every code and every field reason has a Chinese sentence (with Han characters) and an English one (without)', () => {
    const catalogs = { ...errorCatalog, ...fieldReasonCatalog } as Record<string, { zh: string; en: string }>;
    const problems: string[] = [];
    for (const [key, e] of Object.entries(catalogs)) {
      if (!e.zh.trim() || !han.test(e.zh)) problems.push(`${key}: zh "${e.zh}"`);
      if (!e.en.trim() || han.test(e.en)) problems.push(`${key}: en "${e.en}"`);
      if (mixed.test(e.zh) || mixed.test(e.en)) problems.push(`${key}: two languages in one sentence`);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(fieldReasonCatalog).every((k) => /^[a-z][a-zA-Z]+$/.test(k))).toBe(true);
  });

  it('puts field problems of details into the language, params filled in and kept on the server', () => {
    const details = { fields: [{ field: 'body.area', reason: 'tooBig', params: { maximum: 500 } }], other: { reason: 'kept' } };
    expect(errorBody('VALIDATION_FAILED', 'zh-CN', details).error.details).toEqual({
      fields: [{ field: 'body.area', reason: 'tooBig', message: '不能大于 500' }],
      other: { reason: 'kept' },
    });
    expect(
      errorBody('CASE_FORM_INVALID', 'en', { errors: [{ field: 'kind', reason: 'notAnOption', params: { options: ['a', 'b'] } }] }).error
        .details,
    ).toEqual({
      errors: [{ field: 'kind', reason: 'notAnOption', message: 'Choose one of: a, b' }],
    });
    expect(fieldMessage('notAnOption', 'zh-CN', { options: ['甲', '乙'] })).toBe('请从以下选项中选择：甲、乙');
  });

  it("maps zod's issues to reasons: missing, lengths, ranges, options, formats, a schema's own reason, anything else", () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1),
      code: z.string().min(4).max(6),
      count: z.number().int().min(1).max(9),
      share: z.number().gt(0).lt(1),
      list: z.array(z.string()).min(2).max(3),
      kind: z.enum(['a', 'b']),
      date: z.iso.date(),
      id: z.uuid(),
      key: z.string().regex(/^[a-z]+$/, 'keyInvalid'),
      plain: z.string().regex(/^x$/, 'an English hint that is never shown'),
      check: z.string().refine(() => false, { params: { reason: 'phoneInvalid' } }),
      other: z.string().refine(() => false, 'some sentence'),
      flag: z.boolean(),
      missing: z.string(),
    });
    const r = schema.safeParse(
      {
        name: ' ',
        code: 'abcdefg',
        count: 1.5,
        share: 1,
        list: ['x'],
        kind: 'c',
        date: '2026-13-01',
        id: 'x',
        key: 'A',
        plain: 'y',
        check: 'c',
        other: 'o',
        flag: 'yes',
        extra: 1,
      },
      { reportInput: true },
    );
    expect(r.success).toBe(false);
    expect(fieldProblemsOf(r.error!.issues, 'body')).toEqual([
      { field: 'body.name', reason: 'required' },
      { field: 'body.code', reason: 'tooLong', params: { maximum: 6 } },
      { field: 'body.count', reason: 'notWholeNumber' },
      { field: 'body.share', reason: 'mustBeLess', params: { maximum: 1 } },
      { field: 'body.list', reason: 'tooFewItems', params: { minimum: 2 } },
      { field: 'body.kind', reason: 'notAnOption', params: { options: ['a', 'b'] } },
      { field: 'body.date', reason: 'invalidDate' },
      { field: 'body.id', reason: 'invalidId' },
      { field: 'body.key', reason: 'keyInvalid' },
      { field: 'body.plain', reason: 'invalidFormat' },
      { field: 'body.check', reason: 'phoneInvalid' },
      { field: 'body.other', reason: 'invalidValue' },
      { field: 'body.flag', reason: 'notBoolean' },
      { field: 'body.missing', reason: 'required' },
      { field: 'body', reason: 'unknownField', keys: ['extra'] },
    ]);
  });

  it('no string in the server code writes two languages into one message ("中文 / English")', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      // String and template literals only (from the syntax tree): comments may name both languages.
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
          if (mixed.test(node.text)) found.push(`${relative(root, file)}: ${node.text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });

  it('picks zh-CN first and English when preferred', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('en;q=0.5,zh-CN;q=0.9')).toBe('zh-CN');
    expect(pickLang('fr-FR')).toBe('zh-CN');
  });

  it('builds the error body with details', () => {
    expect(errorBody('AUTH_LOCKED', 'zh-CN', { retryAfterSeconds: 60 })).toEqual({
      error: { code: 'AUTH_LOCKED', message: errorCatalog.AUTH_LOCKED.zh, details: { retryAfterSeconds: 60 } },
    });
    expect(new AppError('VERSION_CONFLICT').status).toBe(409);
  });
});
