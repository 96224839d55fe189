import { HttpException, HttpStatus } from '@nestjs/common';

/** One field at fault in a request, as listed in a problem-details body. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Extra members of an RFC 9457 problem-details body. */
export interface ProblemExtras {
  /** A stable machine-readable code, e.g. CASE_INVALID_TRANSITION. */
  code?: string;
  errors?: FieldProblem[];
  [member: string]: unknown;
}

/**
 * An error that the exception filter renders as problem details. Services throw these for rule
 * violations; the `detail` is written for the person who has to fix the request.
 */
export class Problem extends HttpException {
  constructor(status: HttpStatus, detail: string, extras: ProblemExtras = {}) {
    super({ detail, ...extras }, status);
  }
}

/**
 * The one answer for "no such record" and "a record outside your scope": the two must be
 * indistinguishable so that ids cannot be probed.
 */
export class RecordNotFound extends Problem {
  constructor(entity: string) {
    super(HttpStatus.NOT_FOUND, `No ${entity} with this id exists, or you may not see it.`, { code: 'NOT_FOUND' });
  }
}
