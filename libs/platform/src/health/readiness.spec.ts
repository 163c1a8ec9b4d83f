import { ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { MetricsService } from '../metrics/metrics.service';
import { HealthController } from './health.controller';
import { ReadinessCheck, ReadinessService } from './readiness';

const up = (name: string, critical: boolean): ReadinessCheck => ({ name, critical, check: async () => {} });
const down = (name: string, critical: boolean): ReadinessCheck => ({
  name,
  critical,
  check: () => Promise.reject(new Error(`${name} refused`)),
});

function setup(checks: ReadinessCheck[]) {
  const metrics = new MetricsService('spec');
  const readiness = new ReadinessService(checks, metrics);
  // live() is terminus' and not exercised here.
  const controller = new HealthController({} as HealthCheckService, readiness);
  return { metrics, controller };
}

describe('readiness', () => {
  it('stays ready, reporting degraded with the reason, when only a non-critical dependency is down', async () => {
    const { controller } = setup([up('postgres', true), down('kafka', false)]);
    const result = await controller.ready();
    expect(result.status).toBe('degraded');
    expect(result.error).toEqual({ kafka: { status: 'down', critical: false, message: 'kafka refused' } });
    expect(result.info).toEqual({ postgres: { status: 'up', critical: true } });
  });

  it('answers 503 when a critical dependency is down', async () => {
    const { controller } = setup([down('postgres', true), up('kafka', false)]);
    await expect(controller.ready()).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('is ok when everything answers', async () => {
    const { controller } = setup([up('postgres', true), up('kafka', false)]);
    expect((await controller.ready()).status).toBe('ok');
  });

  it('exposes careplan_dependency_up per dependency, checked at scrape time', async () => {
    const { metrics } = setup([up('postgres', true), down('redis', false)]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/careplan_dependency_up\{[^}]*dependency="postgres"[^}]*\} 1/);
    expect(text).toMatch(/careplan_dependency_up\{[^}]*dependency="redis"[^}]*\} 0/);
  });
});
