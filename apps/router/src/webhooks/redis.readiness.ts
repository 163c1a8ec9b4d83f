import { Injectable, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { ReadinessService } from '@careplan/platform';

/** Without Redis only webhook pushes wait (BullMQ); deliveries go on: degraded, not unready. */
@Injectable()
export class RedisReadiness implements OnModuleInit {
  constructor(
    private readonly redis: Redis,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'redis',
      critical: false,
      check: async () => void (await this.redis.ping()),
    });
  }
}
