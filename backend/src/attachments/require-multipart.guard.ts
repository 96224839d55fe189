import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { Problem } from '../common/problem';

/** Answers an upload that is not multipart/form-data with a clear 415 instead of "file is required". */
@Injectable()
export class RequireMultipart implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is('multipart/form-data')) {
      throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send photos as multipart/form-data with the photo in a field named "file".', {
        code: 'MULTIPART_REQUIRED',
      });
    }
    return next.handle();
  }
}
