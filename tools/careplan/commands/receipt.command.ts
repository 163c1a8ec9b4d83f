import { writeFileSync } from 'node:fs';
import { dataOf, verifyReceipt } from '@careplan/client';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { EXIT_OK, EXIT_REFUSED } from '../cli.io';

export interface ReceiptCommandOptions {
  pdf?: string;
  verify?: boolean;
}

/** --verify checks offline, with the same canonical form the archive signs (the key is fetched once, public). */
export async function receiptCommand(
  ctx: CliContext,
  id: string,
  options: ReceiptCommandOptions,
): Promise<number> {
  const client = gatewayClient(ctx);
  const path = { id };
  const signed = dataOf(await client.GET('/v1/submissions/{id}/receipt', { params: { path } }));
  if (options.pdf !== undefined) {
    const pdf = dataOf(
      await client.GET('/v1/submissions/{id}/receipt.pdf', { params: { path }, parseAs: 'arrayBuffer' }),
    );
    writeFileSync(options.pdf, Buffer.from(pdf));
  }
  let valid: boolean | undefined;
  let keyId: string | undefined;
  if (options.verify) {
    const key = dataOf(await client.GET('/v1/receipts/public-key'));
    valid = verifyReceipt(signed, key);
    keyId = key.keyId;
  }
  emit(ctx, { ...signed, ...(valid === undefined ? {} : { valid, keyId }) }, () => {
    const lines = [JSON.stringify(signed.receipt, null, 2)];
    if (options.pdf !== undefined) lines.push(ctx.m.wrote(options.pdf));
    if (valid !== undefined) lines.push(valid ? ctx.m.receiptValid(keyId ?? '') : ctx.m.receiptInvalid);
    return `${lines.join('\n')}\n`;
  });
  return valid === false ? EXIT_REFUSED : EXIT_OK;
}
