import { describe, expect, it } from 'vitest';
import { verifyPathOf } from './qr-target.ts';

describe('the page a scanned QR code leads to', () => {
  const here = 'https://zwfw.example.gov.cn';
  it("follows a license's verify link, on this site, keeping its check code", () => {
    expect(verifyPathOf('http://localhost:3000/verify/1.2.156.3005.2.11.X?code=ABCDE-12345', here)).toBe(
      '/verify/1.2.156.3005.2.11.X?code=ABCDE-12345',
    );
    expect(verifyPathOf(' https://zwfw.example.gov.cn/verify/present/tok_123 ', here)).toBe('/verify/present/tok_123');
  });
  it('refuses anything else', () => {
    for (const text of ['https://evil.example/login', 'hello', '/verify', '/verify/a/b/c', 'javascript:alert(1)', ''])
      expect(verifyPathOf(text, here), text).toBeNull();
  });
});
