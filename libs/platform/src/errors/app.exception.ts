import { HttpStatus } from '@nestjs/common';

export interface LocalizedMessage {
  ja: string;
  en: string;
}

/** Where in a submitted file a problem sits, when it sits somewhere. */
export interface ProblemLocation {
  file?: string;
  row?: number | null;
  column?: number | null;
}

/**
 * A domain failure with a stable machine-readable code and a message a vendor can show its user.
 * Thrown anywhere; turned into one problem+json envelope by ProblemFilter.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly messages: LocalizedMessage,
    readonly extra: ProblemLocation & Record<string, unknown> = {},
  ) {
    super(messages.en);
  }
}
