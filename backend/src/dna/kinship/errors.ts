/** One problem with the caller's input, addressed by a dotted path into the request body. */
export interface KinshipInputIssue {
  field: string;
  message: string;
}

/** Invalid kinship input. Carries every problem found, not just the first (the HTTP layer maps it to 422). */
export class KinshipInputError extends Error {
  constructor(readonly issues: readonly KinshipInputIssue[]) {
    super(
      `Invalid kinship input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    );
    this.name = 'KinshipInputError';
  }
}
