import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../access/permissions';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { JurisdictionRefDto, jurisdictionRef } from '../jurisdictions/jurisdictions.dto';
import type { UserEntity } from './user.entity';

export class UserOrganisationRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: UserOrganisationRefDto }) organisation: UserOrganisationRefDto;
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
  @ApiProperty({ enum: ['active', 'disabled', 'locked'] }) status: 'active' | 'disabled' | 'locked';
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSignInAt: string | null;
  @ApiProperty() version: number;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a username or display name' })
  @IsOptional() @IsString() @MaxLength(64) q?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ description: 'This jurisdiction and below' })
  @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ enum: ['active', 'disabled', 'locked'] })
  @IsOptional() @IsIn(['active', 'disabled', 'locked']) status?: 'active' | 'disabled' | 'locked';
}

export class CreateUserDto {
  @ApiProperty({ example: 'officer.li', description: 'Lower-case letters, digits, dot, dash, underscore' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'username must be 2–63 lower-case letters, digits, ".", "-" or "_"' })
  username: string;
  @ApiProperty() @IsString() @Length(1, 100) displayName: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ example: '341222' }) @IsString() @Length(2, 12) jurisdictionCode: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ description: 'true disables the account and ends its sessions' })
  @IsOptional() @IsBoolean() disabled?: boolean;
}

/** Answer to creating a user or resetting a password: the one-time password, shown once. */
export class UserWithTemporaryPasswordDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'Must be changed at the next sign-in' }) temporaryPassword: string;
}

export function userStatus(u: UserEntity): UserDto['status'] {
  return u.disabledAt ? 'disabled' : u.lockedAt ? 'locked' : 'active';
}

export function mapUser(u: UserEntity): UserDto {
  if (!u.organisation || !u.jurisdiction) throw new Error('mapUser needs organisation and jurisdiction loaded');
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organisation: { id: u.organisation.id, name: u.organisation.name, kind: u.organisation.kind },
    jurisdiction: jurisdictionRef(u.jurisdiction),
    status: userStatus(u),
    mfaEnabled: !!u.mfaEnabledAt,
    mustChangePassword: u.mustChangePassword,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    version: u.version,
  };
}
