import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionEntity, SignInFailureEntity } from '../auth/auth-session.entity';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PasswordPolicy } from './password-policy';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, AuthSessionEntity, SignInFailureEntity]),
    OrganisationsModule,
    JurisdictionsModule,
  ],
  controllers: [UsersController],
  providers: [UsersService, PasswordPolicy],
  exports: [UsersService, PasswordPolicy],
})
export class UsersModule {}
