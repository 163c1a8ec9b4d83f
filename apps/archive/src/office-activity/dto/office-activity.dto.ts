import { ApiProperty } from '@nestjs/swagger';
import { HistoryItemDto, OfficeWebhookStatusDto } from '@careplan/contracts';

/** The office in the directory that other offices search (the gateway's GET /v1/directory/offices). */
export class OfficeDirectoryStatusDto {
  @ApiProperty({
    description: "the office's own choice to appear in the searchable list (PUT /v1/directory/me)",
  })
  listed!: boolean;

  @ApiProperty({
    description:
      'active with an active license: it can receive, and its exact number answers in the directory',
  })
  connected!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-04-01',
    description: 'the day its license first started; null when not connected',
  })
  connectedSince!: string | null;

  @ApiProperty({ description: 'listed and connected: other offices find it by name, prefecture or district' })
  searchable!: boolean;
}

/** What an office's detail page shows beside its registration: webhook, directory, recent history. */
export class OfficeActivityDto {
  @ApiProperty({ example: '4712000012' }) officeNumber!: string;

  @ApiProperty({
    type: OfficeWebhookStatusDto,
    nullable: true,
    description: "the office's webhook (the router's; never the secret); null: the router did not answer",
  })
  webhook!: OfficeWebhookStatusDto | null;

  @ApiProperty({ type: OfficeDirectoryStatusDto }) directory!: OfficeDirectoryStatusDto;

  @ApiProperty({
    type: [HistoryItemDto],
    description: "the office's latest history entries (sent, received, …), newest first, at most 20",
  })
  history!: HistoryItemDto[];

  @ApiProperty({ description: 'true when the office has older history entries than those shown' })
  moreHistory!: boolean;
}
