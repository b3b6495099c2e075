import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * PDF output with Chinese text: pdfkit (its fontkit 2 subsets CFF-based OpenType fonts correctly;
 * pdf-lib's fontkit fork produced subsets poppler rejects) with Noto Sans Hans (GB2312 coverage,
 * OFL) from the `@embedpdf/fonts-sc` npm package. A small writer adds headings, fields and page numbers.
 */
const require = createRequire(import.meta.url);
const fontDir = join(dirname(dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts');
export const fonts = { regular: join(fontDir, 'NotoSansHans-Regular.otf'), bold: join(fontDir, 'NotoSansHans-Bold.otf') };

export type PdfWriter = {
  doc: PDFKit.PDFDocument;
  text(text: string, opts?: { size?: number; bold?: boolean; indent?: number; gapAfter?: number; color?: string }): void;
  heading(text: string): void;
  field(label: string, value: string): void;
  save(): Promise<Buffer>;
};

type LoadedFont = ReturnType<typeof fontkit.create>;
let loaded: { regular: LoadedFont; bold: LoadedFont } | null = null;
/**
 * The fonts parsed once per process and shared by every document (pdfkit accepts a fontkit font):
 * parsing the 8 MB OTF tables anew for each document cost ~200 ms of a license PDF's ~260 ms.
 */
function loadFonts() {
  loaded ??= {
    regular: fontkit.create(readFileSync(fonts.regular)) as LoadedFont,
    bold: fontkit.create(readFileSync(fonts.bold)) as LoadedFont,
  };
  return loaded;
}

/** An A4 document that collects its bytes in memory. */
export function createPdf(title: string): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: title, Producer: '通办 Tongban', Creator: '通办 Tongban' },
  });
  const f = loadFonts();
  doc.registerFont('regular', f.regular as unknown as Buffer);
  doc.registerFont('bold', f.bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w: PdfWriter = {
    doc,
    text(text, o = {}) {
      doc
        .font(o.bold ? 'bold' : 'regular')
        .fontSize(o.size ?? 10.5)
        .fillColor(o.color ?? '#1a1a1a')
        .text(text, doc.page.margins.left + (o.indent ?? 0), undefined, {
          lineGap: 4,
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right - (o.indent ?? 0),
        });
      doc.moveDown((o.gapAfter ?? 2) / 12);
    },
    heading(text) {
      doc.moveDown(0.4);
      w.text(text, { size: 13, bold: true, color: '#14409a', gapAfter: 4 });
    },
    field(label, value) {
      w.text(`${label}：${value || '—'}`);
    },
    async save() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('regular')
          .fontSize(9)
          .fillColor('#777777')
          .text(`${i + 1} / ${range.count}`, 0, doc.page.height - 32, { align: 'center', width: doc.page.width });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
  return w;
}
