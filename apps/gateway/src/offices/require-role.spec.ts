import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { AppException } from '@careplan/platform';
import type { KeyRole } from '@careplan/contracts';
import { ApiKeyGuard } from './api-key.guard';
import type { AuthenticatedOffice } from './offices.service';
import { RequireRole, roleAllows, RoleGuard } from './require-role';

@Controller('x')
@RequireRole('admin')
class AdminOnly {
  @Get() read() {}
}

@Controller('y')
class Mixed {
  @Get() read() {}
  @Get('w') @RequireRole('admin') write() {}
}

const office = (role: KeyRole): AuthenticatedOffice => ({
  officeNumber: '1312345678',
  name: '事業所',
  licenseActive: true,
  apiKeyId: '00000000-0000-4000-8000-000000000000',
  role,
  credential: 'apiKey',
});

const contextOf = (cls: object, handler: () => void, who?: AuthenticatedOffice): ExecutionContext =>
  ({
    getClass: () => cls,
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => ({ office: who }) }),
  }) as unknown as ExecutionContext;

describe('RequireRole and RoleGuard', () => {
  const guard = new RoleGuard(new Reflector());
  const outcome = (cls: object, handler: () => void, who?: AuthenticatedOffice) => {
    try {
      return guard.canActivate(contextOf(cls, handler, who));
    } catch (e) {
      return e instanceof AppException ? `${e.status} ${e.code}` : (e as Error).message;
    }
  };

  it('orders the roles: admin may do what a member may, a member not what an admin may', () => {
    expect(roleAllows('admin', 'admin')).toBe(true);
    expect(roleAllows('admin', 'member')).toBe(true);
    expect(roleAllows('member', 'member')).toBe(true);
    expect(roleAllows('member', 'admin')).toBe(false);
  });

  it("refuses a member on a controller's role with 403 KEY_ROLE_FORBIDDEN, lets an admin through", () => {
    const { read } = AdminOnly.prototype;
    expect(outcome(AdminOnly, read, office('member'))).toBe('403 KEY_ROLE_FORBIDDEN');
    expect(outcome(AdminOnly, read, office('admin'))).toBe(true);
  });

  it("checks a route's own role, and lets routes without one through whoever calls", () => {
    const { read, write } = Mixed.prototype;
    expect(outcome(Mixed, read, office('member'))).toBe(true);
    expect(outcome(Mixed, write, office('member'))).toBe('403 KEY_ROLE_FORBIDDEN');
    expect(outcome(Mixed, write, office('admin'))).toBe(true);
  });

  it('needs an authenticated request: it is a bug to check a role of nobody', () => {
    expect(outcome(AdminOnly, AdminOnly.prototype.read)).toBe('RoleGuard ran before ApiKeyGuard');
  });

  it('brings the authentication with it, before the role check', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, AdminOnly)).toEqual([ApiKeyGuard, RoleGuard]);
    expect(Reflect.getMetadata(GUARDS_METADATA, Mixed.prototype.write)).toEqual([ApiKeyGuard, RoleGuard]);
  });
});
