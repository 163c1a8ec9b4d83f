import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KEY_ROLES, type KeyRole } from '@careplan/contracts';

/**
 * POST /v1/auth/token (RFC 6749 4.4, client credentials), as application/x-www-form-urlencoded or JSON. The key
 * authenticates the client: HTTP Basic (RFC 6749 2.3.1: client_id, then the key as password), or client_secret
 * here, or the X-API-Key header; exactly one of them.
 */
export class TokenRequestBody {
  @ApiProperty({ enum: ['client_credentials', 'refresh_token'] }) grant_type!: string;
  @ApiPropertyOptional({ description: "grant_type=refresh_token: the staff session's refresh token" })
  refresh_token?: string;
  @ApiPropertyOptional({ description: 'the API key, unless it comes as HTTP Basic password or X-API-Key' })
  client_secret?: string;
  @ApiPropertyOptional({ description: "optional: the key's id or its office number; checked when given" })
  client_id?: string;
  @ApiPropertyOptional({
    enum: KEY_ROLES,
    description: "the role the token carries: the key's own (default), or member for an admin key",
  })
  scope?: KeyRole;
}

/** RFC 6749 5.1, with the gateway's token lifetime. */
export class AccessTokenDto {
  @ApiProperty({ description: 'a JWT; send it as Authorization: Bearer <access_token>' })
  access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ description: 'seconds until the token expires (3600)', example: 3600 }) expires_in!: number;
  @ApiProperty({ enum: KEY_ROLES, description: 'the role the token carries' }) scope!: KeyRole;
}

class JwkDto {
  @ApiProperty({ example: 'OKP' }) kty!: string;
  @ApiProperty({ example: 'Ed25519' }) crv!: string;
  @ApiProperty({ description: 'the public key, base64url' }) x!: string;
  @ApiProperty({ description: "the JWT header's kid of tokens it verifies" }) kid!: string;
  @ApiProperty({ example: 'EdDSA' }) alg!: string;
  @ApiProperty({ example: 'sig' }) use!: string;
}

/** RFC 7517 JWK Set: the keys that verify the gateway's access tokens. */
export class JwkSetDto {
  @ApiProperty({ type: [JwkDto] }) keys!: JwkDto[];
}

export class StaffIdentityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() loginId!: string;
  @ApiProperty() displayName!: string;
}

/** Who a credential is: its office, its key or staff user, its role. */
export class CallerDto {
  @ApiProperty() officeNumber!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "the API key, or the key the access token was issued for; null for a staff user's token",
  })
  keyId!: string | null;
  @ApiProperty({
    type: () => StaffIdentityDto,
    nullable: true,
    description: "the staff user of a staff session's token",
  })
  staff!: StaffIdentityDto | null;
  @ApiProperty({ enum: KEY_ROLES }) role!: KeyRole;
  @ApiProperty({ enum: ['apiKey', 'accessToken'] }) credential!: 'apiKey' | 'accessToken';
}
