import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pdfMake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

/** The family name every report uses, for Chinese and Latin text alike (Noto Sans SC covers both). */
export const REPORT_FONT = 'NotoSansSC';

let fontFiles: { normal: string; bold: string } | undefined;

/**
 * Noto Sans SC Regular and Bold, straight from the `@expo-google-fonts/noto-sans-sc` package in
 * node_modules (see FONTS.md for licences). No network, no system fonts.
 */
export function reportFontFiles(): { normal: string; bold: string } {
  if (!fontFiles) {
    const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    const files = {
      normal: join(root, '400Regular', 'NotoSansSC_400Regular.ttf'),
      bold: join(root, '700Bold', 'NotoSansSC_700Bold.ttf'),
    };
    for (const file of Object.values(files)) {
      if (!existsSync(file)) throw new Error(`report font missing: ${file} (is @expo-google-fonts/noto-sans-sc installed?)`);
    }
    fontFiles = files;
  }
  return fontFiles;
}

function fontDictionary(): TFontDictionary {
  const { normal, bold } = reportFontFiles();
  // pdfmake rewrites the descriptors it is given, so hand it a fresh object on every call.
  return { [REPORT_FONT]: { normal, bold, italics: normal, bolditalics: bold } };
}

/**
 * Renders a document definition to a PDF buffer. pdfmake may fetch URLs and read local files named
 * in a document (images, fonts); reports only ever need our two font files, so everything else is
 * refused, whatever a document definition contains.
 */
export async function renderPdf(document: TDocumentDefinitions): Promise<Buffer> {
  const allowed = new Set(Object.values(reportFontFiles()).map((file) => resolve(file)));
  pdfMake.setFonts(fontDictionary());
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => allowed.has(resolve(path)));
  return pdfMake.createPdf(document).getBuffer();
}
