import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PutWebhookBody {
  @ApiProperty({ example: 'https://vendor.example.jp/careplan/webhook', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

export class WebhookDto {
  @ApiProperty() url!: string;
  @ApiProperty() createdAt!: string;
}

export class ConfiguredWebhookDto extends WebhookDto {
  @ApiProperty({
    description: 'HMAC-SHA256 signing secret: shown only in this response; every PUT issues a new one',
  })
  secret!: string;
}
