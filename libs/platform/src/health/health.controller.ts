import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Readiness, ReadinessService } from './readiness';

/**
 * /health/live: the process answers. /health/ready: it can do its work — 503 only when a critical dependency
 * (its database) is down; a non-critical one down answers 200 with status `degraded` and what failed.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessService,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  async ready(): Promise<Readiness> {
    const result = await this.readiness.evaluate();
    if (result.status === 'error') throw new ServiceUnavailableException(result);
    return result;
  }
}
