import { ApiProperty } from '@nestjs/swagger';
import { JurisdictionDto } from '../jurisdictions/jurisdictions.dto';
import { OrganisationDto } from '../organisations/organisations.dto';
import { UserDto } from '../users/users.dto';

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: OrganisationDto }) organisation: OrganisationDto;
  @ApiProperty({ type: JurisdictionDto }) jurisdiction: JurisdictionDto;
  @ApiProperty({
    description: 'The CASL rules of this user, packed with @casl/ability/extra packRules',
    type: 'array',
    items: { type: 'array', items: {} },
  })
  rules: unknown[];
  @ApiProperty({ description: 'The role needs a second factor' }) mfaRequired: boolean;
  @ApiProperty({ format: 'date-time' }) sessionExpiresAt: string;
  @ApiProperty({ description: 'Minutes without activity before the session ends' }) sessionIdleMinutes: number;
}
