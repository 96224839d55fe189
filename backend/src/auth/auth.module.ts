import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UserEntity } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { AuthSessionEntity, MfaRecoveryCodeEntity, RefreshTokenEntity, SignInFailureEntity } from './auth-session.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { MeController } from './me.controller';
import { MfaService } from './mfa.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, AuthSessionEntity, RefreshTokenEntity, MfaRecoveryCodeEntity, SignInFailureEntity]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
    UsersModule,
    OrganisationsModule,
    JurisdictionsModule,
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, MfaService, JwtStrategy],
})
export class AuthModule {}
