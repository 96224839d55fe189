import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { AuditEventPageDto, AuditQueryDto, AuditVerificationDto, mapAuditEvent } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@Access() access: AccessContext, @Query() query: AuditQueryDto): Promise<AuditEventPageDto> {
    const page = await this.audit.list(access, query);
    return { ...page, items: page.items.map(mapAuditEvent) };
  }

  @Get('verify')
  @Authorize('verify', 'AuditEvent')
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
