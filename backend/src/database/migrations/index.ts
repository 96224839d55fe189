import { Foundation1764300000000 } from './1764300000000-foundation';

/** Every migration in order. Listed explicitly so that the build needs no file globbing. */
export const MIGRATIONS = [Foundation1764300000000];
