import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../users/password-policy';

export class LoginDto {
  @ApiProperty({ example: 'officer' }) @IsString() @Length(1, 64) username: string;
  // No minimum here: a short password is simply wrong, and says nothing about the policy.
  @ApiProperty({ example: 'homeward-demo-2026' }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH * 4) password: string;
}

export class MfaStepDto {
  @ApiProperty({ description: 'The token from the first sign-in step' }) @IsString() @MaxLength(2048) mfaToken: string;
  @ApiProperty({ description: 'A 6-digit code from the authenticator app, or a recovery code' })
  @IsString()
  @Length(6, 32)
  code: string;
}

export class MfaEnrolmentStartDto {
  @ApiProperty({ description: 'The token from the first sign-in step' }) @IsString() @MaxLength(2048) mfaToken: string;
}

/**
 * Answer to a sign-in step: either an access token (the refresh token is set as an httpOnly
 * cookie), or a request for the second factor.
 */
export class LoginResponseDto {
  @ApiPropertyOptional() accessToken?: string;
  @ApiPropertyOptional({ description: 'Seconds until the access token expires' }) expiresIn?: number;
  @ApiPropertyOptional({ description: 'The user must change a one-time password before anything else' })
  passwordChangeRequired?: boolean;
  @ApiPropertyOptional() mfaRequired?: boolean;
  @ApiPropertyOptional({ description: 'Opens only POST /auth/mfa and /auth/mfa/enrol, for 5 minutes' }) mfaToken?: string;
  @ApiPropertyOptional({ description: 'The role needs a second factor and none is set up yet' })
  mfaEnrolmentRequired?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Shown once, after enrolment' }) recoveryCodes?: string[];
}

export class MfaEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, for typing into the app by hand' }) secret: string;
  @ApiProperty() otpauthUrl: string;
  @ApiProperty({ description: 'The otpauth URL as a QR code (PNG data URL)' }) qrCodeDataUrl: string;
}

export class MfaActivateDto {
  @ApiProperty({ description: 'A 6-digit code from the authenticator app' }) @IsString() @Length(6, 8) code: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String] }) recoveryCodes: string[];
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(PASSWORD_MAX_LENGTH * 4) currentPassword: string;
  @ApiProperty({ description: '12–128 characters; common passwords are refused' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  newPassword: string;
}
