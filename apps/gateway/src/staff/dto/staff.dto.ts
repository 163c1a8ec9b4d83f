import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { KEY_ROLES, type KeyRole } from '@careplan/contracts';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';

const LOGIN_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const LOGIN_ID_MESSAGE =
  'loginId must be 1 to 64 letters, digits or . _ @ - (starting with a letter or digit)';

export class CreateStaffBody {
  @ApiProperty({ description: 'unique in the office, whatever its case', example: 'sato.h', maxLength: 64 })
  @IsString()
  @Matches(LOGIN_ID, { message: LOGIN_ID_MESSAGE })
  loginId!: string;

  @ApiProperty({ example: '佐藤 花子', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @NoControlCharacters()
  displayName!: string;

  @ApiProperty({
    enum: KEY_ROLES,
    description: 'admin: manages keys, staff, webhook, directory; member: sends, receives',
  })
  @IsIn(KEY_ROLES)
  role!: KeyRole;

  @ApiProperty({
    description: 'the first password, 10 to 200 characters; give it to the user',
    minLength: 10,
    maxLength: 200,
  })
  @IsString()
  @Length(10, 200)
  password!: string;
}

export class UpdateStaffBody {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  @NoControlCharacters()
  displayName?: string;

  @ApiPropertyOptional({ enum: KEY_ROLES })
  @OptionalNotNull()
  @IsIn(KEY_ROLES)
  role?: KeyRole;

  @ApiPropertyOptional({ description: 'true: suspends the user (its sessions end at once); false: lifts it' })
  @OptionalNotNull()
  @IsBoolean()
  suspended?: boolean;

  @ApiPropertyOptional({
    description: 'a new password (its sessions end, a lock is lifted)',
    minLength: 10,
    maxLength: 200,
  })
  @OptionalNotNull()
  @IsString()
  @Length(10, 200)
  password?: string;
}

/** A staff user as its office's admins see it: never its password or hash. */
export class StaffUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() loginId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: KEY_ROLES }) role!: KeyRole;
  @ApiProperty({
    enum: ['active', 'suspended', 'locked'],
    description: 'locked: too many failed sign-ins, for now',
  })
  status!: 'active' | 'suspended' | 'locked';
  @ApiProperty({ nullable: true, type: String }) lockedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSignInAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class StaffUserListDto {
  @ApiProperty({ type: [StaffUserDto] }) items!: StaffUserDto[];
}

export class SignInBody {
  @ApiProperty({ example: '1312345678' })
  @IsString()
  @Length(1, 10)
  officeNumber!: string;

  @ApiProperty({ example: 'sato.h' })
  @IsString()
  @Length(1, 64)
  loginId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class SignOutBody {
  @ApiProperty({ description: 'the refresh token of the session to end' })
  @IsString()
  @Length(1, 200)
  refresh_token!: string;
}

/** A staff session's tokens (RFC 6749 5.1, with the refresh token's remaining life). */
export class SessionTokensDto {
  @ApiProperty({ description: 'a JWT; send it as Authorization: Bearer <access_token>' })
  access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
  @ApiProperty({
    description: 'use once, at POST /v1/auth/token grant_type=refresh_token; a new one comes back',
  })
  refresh_token!: string;
  @ApiProperty({ description: 'seconds until the session (8 hours from sign-in) ends' })
  refresh_expires_in!: number;
  @ApiProperty({ enum: KEY_ROLES }) scope!: KeyRole;
}
