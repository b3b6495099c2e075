import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { randomToken, sm3Hex } from './crypto.ts';
import { AppError } from './errors.ts';

/** The file kinds a material may have, with the media type they are served as. */
export const materialKinds = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type MaterialKind = keyof typeof materialKinds;

/** Kinds a browser may show inline (never HTML, never SVG: no script can ride along). */
export const inlineKinds: MaterialKind[] = ['pdf', 'jpg', 'png'];

/**
 * Content-addressed storage: a file is stored once under its SM3 hash. The local store keeps
 * files under DATA_DIR/files/ab/cd/<hash>; another store (S3-compatible) implements the same type.
 */
export type FileStore = {
  put(bytes: Buffer): Promise<{ sm3: string; size: number }>;
  get(sm3: string): Promise<Buffer>;
  stream(sm3: string): Readable;
  has(sm3: string): boolean;
};

export function createLocalFileStore(root: string): FileStore {
  const pathOf = (sm3: string) => {
    if (!/^[0-9a-f]{64}$/.test(sm3)) throw new Error('not an SM3 hash');
    return join(root, sm3.slice(0, 2), sm3.slice(2, 4), sm3);
  };
  return {
    async put(bytes) {
      const sm3 = sm3Hex(bytes);
      const path = pathOf(sm3);
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        // Write to a temporary name and rename: a crash never leaves a partial file under the hash.
        const tmp = `${path}.${randomToken(6)}.tmp`;
        writeFileSync(tmp, bytes, { mode: 0o600 });
        renameSync(tmp, path);
      }
      return { sm3, size: bytes.length };
    },
    async get(sm3) {
      return readFile(pathOf(sm3));
    },
    stream(sm3) {
      return createReadStream(pathOf(sm3));
    },
    has(sm3) {
      return existsSync(pathOf(sm3));
    },
  };
}

const zipKinds: Record<string, MaterialKind> = { docx: 'docx', xlsx: 'xlsx' };

/**
 * The kind of a file judged by its content, checked against its name: a renamed .exe is not a
 * PDF, a PDF called .jpg is refused too. OFD is a zip whose entries include OFD.xml.
 */
export async function detectMaterialKind(bytes: Buffer, filename: string): Promise<MaterialKind> {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const declared = (ext === 'jpeg' ? 'jpg' : ext) as MaterialKind;
  if (!(declared in materialKinds)) throw new AppError('FILE_TYPE_MISMATCH', { filename, allowed: Object.keys(materialKinds) });
  const sniffed = await fileTypeFromBuffer(bytes);
  const found = sniffed?.ext;
  let kind: MaterialKind | null = null;
  if (found === 'pdf' || found === 'jpg' || found === 'png') kind = found;
  else if (found && zipKinds[found]) kind = zipKinds[found];
  else if (found === 'cfb' && (declared === 'doc' || declared === 'xls')) kind = declared;
  else if (found === 'zip' && declared === 'ofd' && bytes.includes(Buffer.from('OFD.xml'))) kind = 'ofd';
  if (kind !== declared) throw new AppError('FILE_TYPE_MISMATCH', { filename, declared, detected: found ?? 'unknown' });
  return kind;
}
