import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { Public } from '../access/authorize.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LoginDto, LoginResponseDto, MfaEnrolmentDto, MfaEnrolmentStartDto, MfaStepDto } from './auth.dto';
import { AuthService, type CallerContext, type SignIn } from './auth.service';

export const REFRESH_COOKIE = 'hw_refresh';
const COOKIE_PATH = '/api/v1/auth';

function caller(req: Request): CallerContext {
  return { actor: null, ip: req.ip ?? null, requestId: req.requestId ?? null, userAgent: req.header('user-agent') ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or the account is locked or disabled (one answer for all)' })
  @ApiTooManyRequestsResponse({ description: 'More than 10 attempts a minute from one address or for one username' })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    return this.respond(res, await this.auth.login(dto.username, dto.password, caller(req)));
  }

  @Post('mfa')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: LoginResponseDto })
  async mfa(@Body() dto: MfaStepDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    return this.respond(res, await this.auth.completeMfa(dto.mfaToken, dto.code, caller(req)));
  }

  @Post('mfa/enrol')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: MfaEnrolmentDto, description: 'For a role that needs a second factor and has none yet' })
  enrol(@Body() dto: MfaEnrolmentStartDto): Promise<MfaEnrolmentDto> {
    return this.auth.beginMfaEnrolment(dto.mfaToken);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: LoginResponseDto, description: 'A new access token; the refresh cookie is rotated' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    try {
      return this.respond(res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE], caller(req)));
    } catch (error) {
      res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'The session is ended and the refresh cookie cleared' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[REFRESH_COOKIE], caller(req));
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  private respond(res: Response, signIn: SignIn): LoginResponseDto {
    if (signIn.refresh) {
      res.cookie(REFRESH_COOKIE, signIn.refresh.token, { ...this.cookieOptions(), expires: signIn.refresh.expiresAt });
    }
    res.setHeader('Cache-Control', 'no-store');
    return signIn.body;
  }

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: COOKIE_PATH };
  }
}
