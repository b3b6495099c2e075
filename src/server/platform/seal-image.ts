/**
 * The picture of a round official seal (公章): a heavy red ring, a five-pointed star in the centre,
 * the department's name arched along the top inside the ring (each character on the arc, turned so
 * that its top points outwards), and optional straight text under the star.
 * One layout in millimetres (42 mm across) drives both outputs: an SVG string (stored in the
 * GB/T 38540 seal as its picture) and vector drawing on a pdfkit page.
 */

/** The red of the seal. */
export const SEAL_RED = '#d7000f';
/** Diameter of the seal in millimetres (the usual size of a department's seal). */
export const SEAL_DIAMETER_MM = 42;
export const SEAL_FONT_FAMILY = 'Noto Sans SC, Noto Sans CJK SC, SimSun, serif';

export type SealImageOptions = {
  /** Straight text under the star, e.g. 电子印章专用; none by default. */
  bottomText?: string;
  /** Colour of the seal; SEAL_RED by default. */
  color?: string;
};

type Glyph = { ch: string; x: number; y: number; rotateDeg: number; fontSize: number; scaleX: number };

export type SealLayout = {
  center: number;
  ring: { r: number; width: number };
  /** Closed polygon of the star, clockwise from the top point. */
  star: [number, number][];
  glyphs: Glyph[];
  bottom: { text: string; x: number; y: number; fontSize: number; scaleX: number } | null;
};

const C = SEAL_DIAMETER_MM / 2;
const RING_WIDTH = 1.3;
const RING_R = C - RING_WIDTH / 2 - 0.2;
const STAR_R = 6.8;
/** Glyph box of a CJK font, as fractions of the font size above and below the baseline. */
const ASCENT = 0.88;
const DESCENT = 0.12;

/** Places the star, the arched name and the bottom text; pure geometry in millimetres. */
export function sealLayout(departmentName: string, opts: SealImageOptions = {}): SealLayout {
  const chars = Array.from(departmentName.trim());
  if (chars.length === 0) throw new Error('sealLayout: the department name is empty');
  const bottomText = (opts.bottomText ?? '').trim();

  // five-pointed star, top point up
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? STAR_R : STAR_R * 0.382;
    const a = (i * Math.PI) / 5;
    star.push([C + r * Math.sin(a), C - r * Math.cos(a)]);
  }

  // arched name: glyph tops stay 0.9 mm inside the ring; short names are spread loosely, long ones
  // fill the maximum sweep with narrowed glyphs (down to 75 % width), then smaller ones. Spacing is
  // measured on the baseline circle, where neighbouring glyphs come closest.
  const topR = RING_R - RING_WIDTH / 2 - 0.9;
  const maxSweep = ((bottomText ? 220 : 250) * Math.PI) / 180;
  const n = chars.length;
  let fontSize = 5.8;
  let scaleX = 1;
  let step = 0;
  for (let fs = 5.8; fs >= 2.5; fs -= 0.1) {
    const r = topR - fs * ASCENT;
    step = n > 1 ? Math.min((fs * 1.25) / r, maxSweep / (n - 1)) : 0;
    fontSize = fs;
    scaleX = n > 1 ? Math.min(1, (step * r) / (fs * 1.06)) : 1;
    if (scaleX >= 0.75) break;
  }
  const baseR = topR - fontSize * ASCENT;
  const glyphs: Glyph[] = chars.map((ch, i) => {
    const theta = (i - (n - 1) / 2) * step; // clockwise from the top
    return { ch, x: C + baseR * Math.sin(theta), y: C - baseR * Math.cos(theta), rotateDeg: (theta * 180) / Math.PI, fontSize, scaleX };
  });

  let bottom: SealLayout['bottom'] = null;
  if (bottomText) {
    const count = Array.from(bottomText).length;
    const fs = Math.min(3.8, 22 / count);
    const baseline = C + STAR_R + 2.2 + fs * ASCENT;
    const halfWidth = Math.sqrt(Math.max(0, (RING_R - RING_WIDTH) ** 2 - (baseline + fs * DESCENT - C) ** 2)) - 1;
    bottom = { text: bottomText, x: C, y: baseline, fontSize: fs, scaleX: Math.min(1, (2 * halfWidth) / (count * fs)) };
  }
  return { center: C, ring: { r: RING_R, width: RING_WIDTH }, star, glyphs, bottom };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const f = (x: number) => Number(x.toFixed(3)).toString();

/** The seal as a standalone SVG document (42 mm square, viewBox in millimetres). */
export function drawSealSvg(departmentName: string, opts: SealImageOptions = {}): string {
  const L = sealLayout(departmentName, opts);
  const color = esc(opts.color ?? SEAL_RED);
  const starPath = `M${L.star.map(([x, y]) => `${f(x)} ${f(y)}`).join('L')}Z`;
  const glyphs = L.glyphs.map(
    (g) =>
      `<text transform="translate(${f(g.x)} ${f(g.y)}) rotate(${f(g.rotateDeg)}) scale(${f(g.scaleX)} 1)" font-size="${f(g.fontSize)}">${esc(g.ch)}</text>`,
  );
  const bottom = L.bottom
    ? [
        `<text transform="translate(${f(L.bottom.x)} ${f(L.bottom.y)}) scale(${f(L.bottom.scaleX)} 1)" font-size="${f(L.bottom.fontSize)}">${esc(L.bottom.text)}</text>`,
      ]
    : [];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SEAL_DIAMETER_MM}mm" height="${SEAL_DIAMETER_MM}mm" viewBox="0 0 ${SEAL_DIAMETER_MM} ${SEAL_DIAMETER_MM}">`,
    `<title>${esc(departmentName.trim())}</title>`,
    `<circle cx="${f(L.center)}" cy="${f(L.center)}" r="${f(L.ring.r)}" fill="none" stroke="${color}" stroke-width="${f(L.ring.width)}"/>`,
    `<path class="star" d="${starPath}" fill="${color}"/>`,
    `<g fill="${color}" font-family="${SEAL_FONT_FAMILY}" font-weight="bold" text-anchor="middle">`,
    ...glyphs,
    ...bottom,
    '</g>',
    '</svg>',
  ].join('\n');
}

/**
 * Draws the seal with pdfkit vector operations: (x, y) is the top-left corner of its square and
 * `diameterPt` its size. Text uses the font registered as 'bold' (see pdf.ts); the document's
 * text position, font and colours are left as they were.
 */
export function drawSealOnPdf(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  diameterPt: number,
  departmentName: string,
  opts: SealImageOptions = {},
): void {
  const L = sealLayout(departmentName, opts);
  const color = opts.color ?? SEAL_RED;
  const { x: keepX, y: keepY } = doc;
  doc.save();
  doc.translate(x, y).scale(diameterPt / SEAL_DIAMETER_MM);
  doc.lineWidth(L.ring.width).circle(L.center, L.center, L.ring.r).stroke(color);
  doc.polygon(...L.star).fill(color);
  doc.font('bold').fillColor(color);
  const put = (text: string, gx: number, gy: number, deg: number, size: number, sx: number) => {
    doc.save();
    doc
      .translate(gx, gy)
      .rotate(deg, { origin: [0, 0] })
      .scale(sx, 1, { origin: [0, 0] });
    doc.fontSize(size);
    doc.text(text, -doc.widthOfString(text) / 2, 0, { baseline: 'alphabetic', lineBreak: false });
    doc.restore();
  };
  for (const g of L.glyphs) put(g.ch, g.x, g.y, g.rotateDeg, g.fontSize, g.scaleX);
  if (L.bottom) put(L.bottom.text, L.bottom.x, L.bottom.y, 0, L.bottom.fontSize, L.bottom.scaleX);
  doc.restore();
  doc.x = keepX;
  doc.y = keepY;
}
