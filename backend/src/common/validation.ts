import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator's "property x should not exist" is the whitelist's message for unknown fields.
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field: not accepted here'),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Strict validation for every body, query and path parameter: unknown fields are refused, values
 * are converted to their declared types, and each problem is reported with the field at fault.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        detail: `The request has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}: ${problems
          .map((p) => `${p.field} (${p.message})`)
          .join('; ')}.`,
        code: 'VALIDATION_FAILED',
        errors: problems,
      });
    },
  });
}
