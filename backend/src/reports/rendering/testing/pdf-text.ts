import { inflateSync } from 'node:zlib';

/**
 * A small, dependency-free text extractor for the PDFs pdfmake/pdfkit write (used by the tests; it
 * is not a general PDF parser). It inflates every FlateDecode stream, reads each font's ToUnicode
 * CMap, and decodes the hex glyph strings of `Tj`/`TJ` operators in content-stream order. pdfmake
 * draws CJK text one character per operator, so the result has no reliable spacing: compare with
 * `compact()` on both sides.
 */
export interface PdfInspection {
  /** All text in content order, per page content stream. */
  pages: string[];
  /** BaseFont names of the embedded fonts (e.g. `BZZZZZ+NotoSansSC-Regular`). */
  fonts: string[];
}

interface PdfObject {
  dictionary: string;
  stream?: Buffer;
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  const objects = readObjects(pdf);
  const fonts: string[] = [];
  const toUnicodeByObject = new Map<number, Map<number, string>>();
  for (const [id, object] of objects) {
    if (/\/Type\s*\/Font\b/.test(object.dictionary) && /\/Subtype\s*\/Type0\b/.test(object.dictionary)) {
      const base = /\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(object.dictionary);
      if (base) fonts.push(base[1]);
      const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(object.dictionary);
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
      if (cmap) toUnicodeByObject.set(id, parseToUnicode(cmap.toString('latin1')));
    }
  }
  // Resource names (/F1, /F2, ...) → the ToUnicode map of the font object they point to.
  const fontByName = new Map<string, Map<number, string>>();
  for (const object of objects.values()) {
    const fontDictionary = /\/Font\s*<<([^>]*)>>/.exec(object.dictionary);
    if (!fontDictionary) continue;
    for (const entry of fontDictionary[1].matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g)) {
      const map = toUnicodeByObject.get(Number(entry[2]));
      if (map) fontByName.set(entry[1], map);
    }
  }
  const pages: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(object.dictionary)) continue;
    const contents = /\/Contents\s+(\d+)\s+0\s+R/.exec(object.dictionary);
    const stream = contents ? objects.get(Number(contents[1]))?.stream : undefined;
    if (stream) pages.push(decodeContent(stream.toString('latin1'), fontByName));
  }
  return { pages, fonts };
}

/** Removes all white space, for comparisons that must not depend on how text was laid out. */
export function compact(text: string): string {
  return text.replace(/\s+/gu, '');
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dictionary: body });
    } else {
      const keyword = /\bstream\r?\n/.exec(body.slice(streamAt))?.[0] ?? 'stream\n';
      const dataStart = start + streamAt + keyword.length;
      const dataEnd = text.indexOf('endstream', dataStart);
      const dictionary = body.slice(0, streamAt);
      let data = pdf.subarray(dataStart, dataEnd);
      if (/\/Filter\s*\/FlateDecode/.test(dictionary)) data = inflateSync(data);
      objects.set(Number(match[1]), { dictionary, stream: data });
      header.lastIndex = dataEnd;
    }
  }
  return objects;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(pair[1], 16), utf16(pair[2].replace(/\s+/g, '')));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const low = parseInt(range[1], 16);
      const high = parseInt(range[2], 16);
      if (range[3].startsWith('[')) {
        // Ligatures map to several code units written with spaces inside: <0066 0069> is "fi".
        const targets = [...range[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].map((target) => utf16(target[1].replace(/\s+/g, '')));
        targets.forEach((target, i) => map.set(low + i, target));
      } else {
        const first = range[3].slice(1, -1);
        const base = parseInt(first.slice(-4), 16);
        for (let code = low; code <= high; code++) map.set(code, utf16(first.slice(0, -4)) + String.fromCharCode(base + code - low));
      }
    }
  }
  return map;
}

function decodeContent(content: string, fontByName: Map<string, Map<number, string>>): string {
  let font: Map<number, string> | undefined;
  let out = '';
  // Tokens we care about: a font selection, a text array or string followed by its operator.
  const token = /\/([^\s/[\]<>()]+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)|\bET\b/g;
  for (const match of content.matchAll(token)) {
    if (match[1]) {
      font = fontByName.get(match[1]);
    } else if (match[2]) {
      for (const hex of match[2].matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 4 <= hex[1].length; i += 4) out += font?.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '\uFFFD';
      }
    } else {
      out += ' ';
    }
  }
  return out;
}
