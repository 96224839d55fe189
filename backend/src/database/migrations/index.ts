import { Foundation1764300000000 } from './1764300000000-foundation';
import { MfaPendingSecret1764300000001 } from './1764300000001-mfa-pending-secret';
import { CasesAttachments1764400000000 } from './1764400000000-cases-attachments';

/** Every migration in order. Listed explicitly so that the build needs no file globbing. */
export const MIGRATIONS = [Foundation1764300000000, MfaPendingSecret1764300000001, CasesAttachments1764400000000];
