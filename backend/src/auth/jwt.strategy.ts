import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from '../access/actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';

/** Bearer access tokens (HS256); the session behind each one is checked on every request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: { sub: string; sid?: string; typ: 'access' | 'mfa' }): Promise<Actor> {
    return this.auth.actorFor(payload);
  }
}
