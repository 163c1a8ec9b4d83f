import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters } from '@careplan/platform';
import { OperatorContextDto } from '../../operators/dto/operator.dto';

export class SignInDto {
  @ApiProperty({ example: '沖縄県国保連' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ format: 'password' }) @IsString() @MaxLength(1024) password!: string;
  // Not checked for its form here: a malformed code fails like a wrong one (401), not as a bad request.
  @ApiProperty({ example: '123456', description: 'the 6-digit code of the authenticator app (TOTP)' })
  @IsString()
  @MaxLength(16)
  code!: string;
}

/** The signed-in console session (POST and GET /ops/v1/session, POST /ops/v1/setup/:token). */
export class SessionDto {
  @ApiProperty({ type: OperatorContextDto }) operator!: OperatorContextDto;
  @ApiProperty({
    description: 'send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE with the cookie',
  })
  csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'when the session ends unless another request comes' })
  idleExpiresAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when the session ends at the latest (sign in again)' })
  expiresAt!: string;
}

/** What the set-up page shows: the TOTP secret to enrol, as a URI and as its QR code. */
export class SetupDto {
  @ApiProperty({ description: "the operator's name (signs in with it)" }) name!: string;
  @ApiProperty({
    example: 'otpauth://totp/careplan-exchange:%E6%B2%96%E7%B8%84?issuer=careplan-exchange&secret=…',
  })
  otpauthUri!: string;
  @ApiProperty({
    description: 'the otpauth URI as a QR code: a data: URL of a PNG',
    example: 'data:image/png;base64,…',
  })
  qrDataUrl!: string;
}

export class CompleteSetupDto {
  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @NoControlCharacters()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;
  @ApiProperty({ example: '123456', description: 'a current code of the enrolled authenticator app' })
  @Matches(/^\d{6}$/)
  code!: string;
}
