/** The part of fontkit (pdfkit's font engine) the PDF writer uses: parse a font once, share it across documents. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout: (...args: unknown[]) => unknown };
}
