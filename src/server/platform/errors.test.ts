import { describe, expect, it } from 'vitest';
import { AppError, errorBody, errorCatalog, pickLang } from './errors.ts';

describe('error catalog', () => {
  it('has a 4xx/5xx status and both languages for every code', () => {
    for (const [code, e] of Object.entries(errorCatalog)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.zh.length, code).toBeGreaterThan(1);
      expect(e.en.length, code).toBeGreaterThan(1);
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    }
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
