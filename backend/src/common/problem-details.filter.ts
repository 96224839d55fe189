import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { FieldProblem } from './problem';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  code?: string;
  errors?: FieldProblem[];
  [member: string]: unknown;
}

/** PostgreSQL error codes that mean the request, not the server, is at fault. */
const CLIENT_DATABASE_ERRORS: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'A record with the same unique value already exists.' },
  '23503': { status: 409, detail: 'The request refers to a record that does not exist or is still in use.' },
  '22P02': { status: 400, detail: 'A value in the request has the wrong format.' },
  '22003': { status: 400, detail: 'A number in the request is out of range.' },
  '22001': { status: 400, detail: 'A text value in the request is too long.' },
  '22007': { status: 400, detail: 'A date or time in the request is not valid.' },
  '22008': { status: 400, detail: 'A date or time in the request is out of range.' },
  '40001': { status: 409, detail: 'The record was changed by someone else at the same time; try again.' },
};

/** Errors raised by Express' body parser before a route runs. */
const BODY_PARSER_ERRORS: Record<string, { status: number; detail: string }> = {
  'entity.parse.failed': { status: 400, detail: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, detail: 'The request body is too large.' },
  'encoding.unsupported': { status: 415, detail: 'The request body has an unsupported character encoding.' },
  'charset.unsupported': { status: 415, detail: 'The request body has an unsupported character set.' },
  'request.aborted': { status: 400, detail: 'The request was aborted before its body arrived.' },
};

/**
 * Every error leaves the API as RFC 9457 problem details. Unknown errors are logged with the request
 * id and answered with a 500 that reveals nothing about the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl} [${body.requestId ?? '-'}]: ${describe(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (response.headersSent) return;
    const retryAfter = body['retryAfterSeconds'];
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: Request): ProblemBody {
    const base = { instance: request.originalUrl, requestId: request.requestId };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const extras: Record<string, unknown> = typeof raw === 'object' && raw !== null ? { ...raw } : {};
      let detail = typeof raw === 'string' ? raw : (extras['detail'] as string | undefined);
      if (!detail) {
        const message = extras['message'];
        detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
      }
      delete extras['message'];
      delete extras['statusCode'];
      delete extras['error'];
      delete extras['detail'];
      return { ...problem(status, detail), ...extras, ...base };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code ?? '';
      const known = CLIENT_DATABASE_ERRORS[code];
      if (known) return { ...problem(known.status, known.detail), ...base };
    }
    const parserType = (exception as { type?: unknown })?.type;
    if (typeof parserType === 'string' && BODY_PARSER_ERRORS[parserType]) {
      const known = BODY_PARSER_ERRORS[parserType];
      return { ...problem(known.status, known.detail), ...base };
    }
    return {
      ...problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on the server. The error has been logged.'),
      ...base,
    };
  }
}

function problem(status: number, detail: string) {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
