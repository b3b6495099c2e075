import qrcode from 'qrcode-generator';
import { createPdf } from '../../platform/pdf.ts';
import { drawSealOnPdf } from '../../platform/seal-image.ts';

export type LicensePdfInput = {
  typeName: string;
  identifier: string;
  issuerName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  fields: { label: string; value: string }[];
  verifyUrl: string;
  /** 核验码: with it the public verifier shows the holder (masked). */
  verifyCode: string;
};

/** Draws a QR code (error correction M) as filled squares. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const cell = size / n;
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05).fill();
  doc.restore();
}

/** The license as printed: type, holder fields, validity, issuer with its seal, identifier and a QR code to the public verification page. */
export async function renderLicensePdf(l: LicensePdfInput): Promise<Buffer> {
  const w = createPdf(`${l.typeName} ${l.identifier}`);
  const { doc } = w;
  w.text(l.typeName, { size: 24, bold: true, gapAfter: 10 });
  for (const f of l.fields) w.field(f.label, f.value);
  w.field('有效期限', l.validUntil ? `${l.validFrom} 至 ${l.validUntil}` : `${l.validFrom} 起长期有效`);
  w.text(' ', { gapAfter: 20 });
  const y = doc.y;
  w.text(`发证机关：${l.issuerName}`, { bold: true });
  w.text(`发证日期：${l.issuedOn}`);
  drawSealOnPdf(doc, doc.page.width - 56 - 120, y - 30, 119, l.issuerName);
  const qrY = doc.page.height - 56 - 130;
  drawQr(doc, l.verifyUrl, 56, qrY, 96);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('#555555')
    .text(`证照标识：${l.identifier}`, 160, qrY + 14, { width: doc.page.width - 216 })
    .text(`核验码：${l.verifyCode}`, 160, qrY + 28, { width: doc.page.width - 216 })
    .text('扫码或登录通办平台核验本证照的真实性与状态。本电子证照经发证机关电子印章签章，与纸质证照具有同等法律效力。', 160, qrY + 44, {
      width: doc.page.width - 216,
    });
  return w.save();
}
