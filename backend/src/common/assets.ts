import { join } from 'node:path';

/**
 * Files shipped with the server (word lists, frequency tables, fonts). Lives one level below src/ so
 * that the same relative path works from the sources (tests) and from dist/backend (the build copies
 * src/assets next to the compiled code).
 */
export const ASSETS_DIR = join(__dirname, '..', 'assets');

export function assetPath(...parts: string[]): string {
  return join(ASSETS_DIR, ...parts);
}
