import { Body, Controller, Get, Headers, Param, Post, Res, UseInterceptors, UploadedFiles } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller } from '../access/access-context.decorator';
import type { SystemContext } from '../access/actor';
import { Public } from '../access/authorize.decorator';
import { requireIdempotencyKey } from './idempotency';
import type { UploadedFile } from './sighting-photos';
import { CreateSightingDto, PublicSightingReceiptDto, PublicSightingStatusDto } from './sightings.dto';
import { MAX_PHOTOS, SightingsService } from './sightings.service';

export const PHOTO_UPLOAD_LIMITS = { fileSize: 20 * 1024 * 1024, files: MAX_PHOTOS, fields: 30, fieldSize: 8 * 1024, parts: 40 };

/**
 * The citizen's side, without an account. One request per report: JSON, or multipart/form-data with
 * the same fields and up to 5 `photos`. The page shrinks photos before sending and retries with the
 * same Idempotency-Key until it gets an answer, so a retry never makes a second sighting.
 */
@ApiTags('public')
@Controller('public/sightings')
export class PublicSightingsController {
  constructor(private readonly sightings: SightingsService) {}

  @Post()
  @Public()
  @UseInterceptors(FilesInterceptor('photos', MAX_PHOTOS, { limits: PHOTO_UPLOAD_LIMITS }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A new random key (e.g. a UUID) per report, the same for its retries' })
  @ApiCreatedResponse({ type: PublicSightingReceiptDto, description: 'Stored (or the stored answer to an earlier try with the same key)' })
  @ApiBadRequestResponse({ description: 'No Idempotency-Key, invalid field, a time in the future, no position' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used before with a different report' })
  @ApiTooManyRequestsResponse({ description: 'More than 10 sightings in an hour from one address (Retry-After says when to try again)' })
  async submit(
    @Caller() caller: SystemContext,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: CreateSightingDto,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PublicSightingReceiptDto> {
    const key = requireIdempotencyKey(idempotencyKey, true)!;
    const result = await this.sightings.submitPublic(caller, key, dto, files ?? []);
    res.status(result.status);
    return result.body;
  }

  @Get(':receipt')
  @Public()
  @ApiOkResponse({ type: PublicSightingStatusDto, description: 'Only the status: received, under review or closed' })
  @ApiNotFoundResponse({ description: 'No sighting has this receipt' })
  status(@Caller() caller: SystemContext, @Param('receipt') receipt: string): Promise<PublicSightingStatusDto> {
    return this.sightings.statusOfReceipt(caller, receipt.slice(0, 80));
  }
}
