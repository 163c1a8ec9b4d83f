import { randomBytes } from 'node:crypto';
import { TOTP, URI } from 'otpauth';
import { Page } from 'playwright-core';
import { readState } from './state';

const PERIOD_MS = 30_000;

/** An operator who has enrolled: name, password and the authenticator app's secret. */
export class ConsoleAccount {
  private lastStep = -1;

  constructor(
    readonly name: string,
    readonly password: string,
    private readonly totp: TOTP,
  ) {}

  /**
   * A code the server takes: each 30 s step signs in once per operator, and the server accepts the next
   * step too, so a second sign-in within one step uses the next one (waiting when even that is used).
   */
  async nextCode(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const step = Math.max(Math.floor(now / PERIOD_MS), this.lastStep + 1);
      if (step <= Math.floor(now / PERIOD_MS) + 1) {
        this.lastStep = step;
        return this.totp.generate({ timestamp: step * PERIOD_MS });
      }
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - now + 50));
    }
  }

  /** A wrong code (a valid-looking one from far in the past). */
  wrongCode(): string {
    return this.totp.generate({ timestamp: Date.now() - 3_600_000 });
  }

  static fromUri(name: string, password: string, otpauthUri: string): ConsoleAccount {
    const parsed = URI.parse(otpauthUri);
    if (!(parsed instanceof TOTP)) throw new Error(`not a TOTP URI: ${otpauthUri}`);
    return new ConsoleAccount(name, password, parsed);
  }
}

export const newPassword = (): string => `pw-${randomBytes(9).toString('base64url')}`;

/** Enrols through the set-up link's API (the page itself is tested once, in the console spec). */
export async function enrolByApi(setupUrl: string): Promise<ConsoleAccount> {
  const token = new URL(setupUrl).pathname.split('/').pop() ?? '';
  const base = `${readState().urls.archive}/ops/v1/setup/${token}`;
  const info = (await (await fetch(base)).json()) as { name: string; otpauthUri: string };
  const account = ConsoleAccount.fromUri(info.name, newPassword(), info.otpauthUri);
  const res = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: account.password, code: await account.nextCode() }),
  });
  if (res.status !== 200) throw new Error(`set-up of ${info.name}: ${res.status} ${await res.text()}`);
  return account;
}

/** Signs in on the sign-in page with the keyboard, as staff do, and waits for the page behind it. */
export async function signIn(page: Page, account: ConsoleAccount, code?: string): Promise<void> {
  await page.goto('sign-in');
  await page.getByTestId('sign-in-form').waitFor();
  await page.locator('#sign-in-name').focus();
  await page.keyboard.type(account.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Tab');
  await page.keyboard.type(code ?? (await account.nextCode()));
  await page.keyboard.press('Enter');
  if (code === undefined) await page.waitForURL((u) => !u.pathname.includes('/sign-in'));
}
