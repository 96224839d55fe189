import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { AttachmentDto, AttachmentListDto, AttachmentQueryDto, UploadAttachmentBodyDto, UploadAttachmentDto } from './attachments.dto';
import { AttachmentsService } from './attachments.service';
import { MAX_PHOTO_BYTES } from './image-processing';
import { RequireMultipart } from './require-multipart.guard';

/** What multer's memory storage hands over. */
interface UploadedPhoto {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Authorize('create', 'Attachment')
  @UseInterceptors(RequireMultipart, FileInterceptor('file', { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, parts: 6 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentBodyDto })
  @ApiCreatedResponse({ type: AttachmentDto })
  upload(@Access() access: AccessContext, @Body() dto: UploadAttachmentDto, @UploadedFile() file: UploadedPhoto | undefined): Promise<AttachmentDto> {
    return this.attachments.upload(access, dto.entityType, dto.entityId, file);
  }

  @Get()
  @Authorize('read', 'Attachment')
  @ApiOkResponse({ type: AttachmentListDto })
  async list(@Access() access: AccessContext, @Query() query: AttachmentQueryDto): Promise<AttachmentListDto> {
    return { items: await this.attachments.list(access, query.entityType, query.entityId) };
  }

  @Get(':id/display')
  @Authorize('read', 'Attachment')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The display rendition (≤ 1600 px, no metadata)' })
  async display(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    send(response, await this.attachments.rendition(access, id, 'display'));
  }

  @Get(':id/thumbnail')
  @Authorize('read', 'Attachment')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The thumbnail (≤ 320 px, no metadata)' })
  async thumbnail(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    send(response, await this.attachments.rendition(access, id, 'thumbnail'));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Attachment')
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.attachments.remove(access, id);
  }
}

function send(response: Response, rendition: { data: Buffer; contentType: string; fileName: string }): void {
  response
    .status(200)
    .set({
      'Content-Type': rendition.contentType,
      'Content-Length': String(rendition.data.length),
      'Content-Disposition': `inline; filename="${rendition.fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
    .end(rendition.data);
}
