/**
 * Which files a lesson may carry: the extensions the `course-materials` bucket allows in
 * appwrite.json, each checked against the file's first bytes where that is cheap, so a
 * program or a web page renamed `notes.pdf` is refused. The stored type comes from the
 * extension, never from what the browser claimed.
 */
import { detectImageType } from '../identity/image-type';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const startsWith = (data: Buffer, signature: Buffer, offset = 0) =>
  data.length >= offset + signature.length &&
  data.subarray(offset, offset + signature.length).equals(signature);

const ZIP = ascii('PK\x03\x04');
const EMPTY_ZIP = ascii('PK\x05\x06');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const isZip = (data: Buffer) => startsWith(data, ZIP) || startsWith(data, EMPTY_ZIP);
const isOle = (data: Buffer) => startsWith(data, OLE);
const isImage = (extension: string) => (data: Buffer) => {
  const type = detectImageType(data);
  return (
    type !== null && (type.extension === extension || (type.extension === 'jpg' && extension === 'jpeg'))
  );
};
/** Text files: no NUL bytes (a binary in disguise) and no markup a browser would run. */
const isPlainText = (data: Buffer) => !data.subarray(0, 8192).includes(0) && !looksLikeMarkup(data);

interface AttachmentType {
  mimeType: string;
  matches: (data: Buffer) => boolean;
}

export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  pdf: { mimeType: 'application/pdf', matches: (data) => startsWith(data, ascii('%PDF-')) },
  doc: { mimeType: 'application/msword', matches: isOle },
  xls: { mimeType: 'application/vnd.ms-excel', matches: isOle },
  ppt: { mimeType: 'application/vnd.ms-powerpoint', matches: isOle },
  docx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: isZip,
  },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: isZip },
  pptx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    matches: isZip,
  },
  odt: { mimeType: 'application/vnd.oasis.opendocument.text', matches: isZip },
  odp: { mimeType: 'application/vnd.oasis.opendocument.presentation', matches: isZip },
  ods: { mimeType: 'application/vnd.oasis.opendocument.spreadsheet', matches: isZip },
  zip: { mimeType: 'application/zip', matches: isZip },
  csv: { mimeType: 'text/csv', matches: isPlainText },
  txt: { mimeType: 'text/plain', matches: isPlainText },
  md: { mimeType: 'text/markdown', matches: isPlainText },
  png: { mimeType: 'image/png', matches: isImage('png') },
  jpg: { mimeType: 'image/jpeg', matches: isImage('jpg') },
  jpeg: { mimeType: 'image/jpeg', matches: isImage('jpeg') },
  gif: { mimeType: 'image/gif', matches: isImage('gif') },
  webp: { mimeType: 'image/webp', matches: isImage('webp') },
  // An ID3 tag or an MPEG audio frame sync.
  mp3: { mimeType: 'audio/mpeg', matches: (data) => startsWith(data, ascii('ID3')) || isFrameSync(data) },
  m4a: { mimeType: 'audio/mp4', matches: (data) => startsWith(data, ascii('ftyp'), 4) },
};

function isFrameSync(data: Buffer): boolean {
  return data.length >= 2 && data[0] === 0xff && ((data[1] ?? 0) & 0xe0) === 0xe0;
}

/** Executables of the common platforms, and scripts with an interpreter line. */
export function looksExecutable(data: Buffer): boolean {
  const magic = data.subarray(0, 4).toString('hex');
  return (
    startsWith(data, ascii('MZ')) ||
    startsWith(data, ascii('\x7fELF')) ||
    startsWith(data, ascii('#!')) ||
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic)
  );
}

/** What browsers sniff as HTML, SVG or XML: checked on the first kilobyte. */
export function looksLikeMarkup(data: Buffer): boolean {
  const head = data
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|!--|meta|a\s|img\s|div|style|title|br|p[\s>]|table)/.test(
    head,
  );
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export const ALLOWED_EXTENSIONS = Object.keys(ATTACHMENT_TYPES);
