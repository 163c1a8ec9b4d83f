import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ArchiveEnv } from '../config/archive.env';
import { LicensesService } from './licenses.service';

/** Moves license terms at start and then periodically (renewal, expiry); harmless to run on several instances. */
@Injectable()
export class LicenseSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LicenseSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly licenses: LicensesService,
    @Inject(ArchiveEnv) private readonly env: ArchiveEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.env.LICENSE_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.licenses
      .sweep()
      .then((n) => {
        if (n > 0) this.logger.log(`license sweep moved ${n} license(s)`);
      })
      .catch((e: unknown) => this.logger.error(`license sweep failed: ${String(e)}`))
      .finally(() => {
        this.running = null;
      });
  }
}
