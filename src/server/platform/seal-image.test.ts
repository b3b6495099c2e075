import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createPdf } from './pdf.ts';
import { SEAL_DIAMETER_MM, drawSealOnPdf, drawSealSvg, sealLayout } from './seal-image.ts';

const NAME = '石泉县市场监督管理局';

describe('seal SVG', () => {
  const svg = drawSealSvg(NAME, { bottomText: '电子印章专用' });

  it('is a 42 mm red seal with a ring, a star path and every character of the name', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="42mm" height="42mm" viewBox="0 0 42 42">/);
    expect(svg).toMatch(/<circle [^>]*fill="none" stroke="#d7000f" stroke-width="1\.3"/);
    const star = /<path class="star" d="M([^"]+)Z" fill="#d7000f"\/>/.exec(svg);
    expect(star).not.toBeNull();
    expect(star![1].split('L')).toHaveLength(10);
    for (const ch of NAME) expect(svg).toContain(`>${ch}</text>`);
    expect(svg).toContain('>电子印章专用</text>');
    expect(svg).toContain('font-family="Noto Sans SC, Noto Sans CJK SC, SimSun, serif"');
    expect(svg.match(/rotate\(/g)).toHaveLength(NAME.length);
  });

  it('escapes markup in names and has no bottom text unless asked', () => {
    const s = drawSealSvg('A&B<局>');
    expect(s).toContain('>&amp;</text>');
    expect(s).toContain('>&lt;</text>');
    expect(s).not.toMatch(/<text[^>]*>[^<]*<[^/]/);
    expect(drawSealSvg(NAME).match(/<text /g)).toHaveLength(NAME.length);
    expect(() => drawSealSvg('  ')).toThrow(/empty/);
  });

  it('property: glyphs stand upright on the arc, inside the ring, clear of the star and of each other', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 24 }), fc.boolean(), (chars, withBottom) => {
        const L = sealLayout(chars.join(''), withBottom ? { bottomText: '电子印章专用' } : {});
        const c = L.center;
        const inner = L.ring.r - L.ring.width / 2;
        const starR = Math.max(...L.star.map(([x, y]) => Math.hypot(x - c, y - c)));
        expect(L.glyphs).toHaveLength(chars.length);
        for (const g of L.glyphs) {
          const r = Math.hypot(g.x - c, g.y - c);
          // the glyph's top points away from the centre: its rotation is the angle of its position
          const angle = (Math.atan2(g.x - c, c - g.y) * 180) / Math.PI;
          expect(Math.abs(angle - g.rotateDeg)).toBeLessThan(1e-6);
          expect(r + g.fontSize * 0.88).toBeLessThan(inner - 0.5); // top of the glyph inside the ring
          expect(r - g.fontSize * 0.12).toBeGreaterThan(starR + 3); // foot of the glyph clear of the star
          expect(g.scaleX).toBeGreaterThanOrEqual(0.6);
        }
        for (let i = 1; i < L.glyphs.length; i++) {
          const [a, b] = [L.glyphs[i - 1], L.glyphs[i]];
          // distance between neighbours on the baseline circle ≥ glyph width
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.fontSize * a.scaleX * 0.99);
        }
        const span = L.glyphs.length > 1 ? Math.abs(L.glyphs[L.glyphs.length - 1].rotateDeg - L.glyphs[0].rotateDeg) : 0;
        expect(span).toBeLessThanOrEqual(withBottom ? 220.0001 : 250.0001);
        if (L.bottom) {
          const b = L.bottom;
          const top = b.y - b.fontSize * 0.88;
          expect(top).toBeGreaterThan(c + starR); // under the star
          const half = (Array.from(b.text).length * b.fontSize * b.scaleX) / 2;
          expect(half).toBeLessThan(Math.sqrt(inner ** 2 - (b.y + b.fontSize * 0.12 - c) ** 2)); // inside the ring
          for (const g of L.glyphs) {
            // each glyph's em box (as a circle of radius fontSize/2 around its centre) stays off the bottom text box
            const t = (g.rotateDeg * Math.PI) / 180;
            const gx = g.x + Math.sin(t) * g.fontSize * 0.38;
            const gy = g.y - Math.cos(t) * g.fontSize * 0.38;
            const dx = Math.max(c - half - gx, 0, gx - (c + half));
            const dy = Math.max(top - gy, 0, gy - (b.y + b.fontSize * 0.12));
            expect(Math.hypot(dx, dy)).toBeGreaterThan(g.fontSize / 2);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('seal on a PDF page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws with pdfkit, leaves the text flow alone, and renders red where a seal is red', async () => {
    const w = createPdf('seal');
    w.text('before');
    const { y } = w.doc;
    const size = (SEAL_DIAMETER_MM / 25.4) * 72; // true size: 42 mm
    drawSealOnPdf(w.doc, 100, 200, size, NAME, { bottomText: '电子印章专用' });
    expect(w.doc.y).toBe(y);
    w.text('after');
    const pdf = await w.save();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(dir, 'seal.pdf');
    writeFileSync(path, pdf);

    // 72 dpi: one pixel per point. Without pdftoppm (poppler-utils, which scripts/test.mjs installs) this fails.
    const r = spawnSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', path, join(dir, 'page')]);
    expect(r.error, 'pdftoppm is not on the PATH (apt-get install poppler-utils)').toBeUndefined();
    expect(r.status, String(r.stderr)).toBe(0);
    const ppm = readFileSync(join(dir, 'page-1.ppm'));
    const [, width] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!.map(Number);
    const header = ppm.toString('latin1', 0, 40).match(/^P6\s+\d+\s+\d+\s+255\s/)![0].length;
    const px = (x: number, yy: number) => {
      const o = header + (Math.round(yy) * width + Math.round(x)) * 3;
      return [ppm[o], ppm[o + 1], ppm[o + 2]];
    };
    const isRed = ([R, G, B]: number[]) => R > 180 && G < 90 && B < 90;
    const isWhite = ([R, G, B]: number[]) => R > 240 && G > 240 && B > 240;
    const k = size / SEAL_DIAMETER_MM; // points per mm
    const at = (mmX: number, mmY: number) => px(100 + mmX * k, 200 + mmY * k);
    expect(isRed(at(21, 21))).toBe(true); // the star's centre
    expect(isRed(at(21, 21 - 20.15))).toBe(true); // the ring at the top
    expect(isRed(at(21 - 20.15, 21))).toBe(true); // the ring at the left
    expect(isWhite(at(21 + 9.5, 21))).toBe(true); // between the star (6.8 mm) and the glyphs' baseline circle (≈13.5 mm)
    expect(isWhite(at(1, 1))).toBe(true); // outside the circle
    let red = 0;
    for (let yy = 200; yy < 200 + size; yy++) for (let x = 100; x < 100 + size; x++) if (isRed(px(x, yy))) red++;
    expect(red / (size * size)).toBeGreaterThan(0.12); // ring + star + text
    expect(red / (size * size)).toBeLessThan(0.45);
  });
});
