import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { KeyRole } from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';
import { OfficeErrors } from './offices.errors';

const REQUIRED_ROLE = 'careplan:required-role';

/** admin may do all a member may; a member only its own. */
export function roleAllows(held: KeyRole, required: KeyRole): boolean {
  return held === 'admin' || required === 'member';
}

/** Refuses a credential whose role is short of the route's (@RequireRole): 403 KEY_ROLE_FORBIDDEN. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<KeyRole | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const office = context.switchToHttp().getRequest<AuthenticatedRequest>().office;
    if (!office) throw new Error('RoleGuard ran before ApiKeyGuard');
    if (!roleAllows(office.role, required)) throw OfficeErrors.roleForbidden(required);
    return true;
  }
}

/**
 * The least role a controller's or a route's calls need, declared once: authenticates the call (ApiKeyGuard,
 * which does its work once even when the controller names it too), then checks the role, and documents both
 * (403 KEY_ROLE_FORBIDDEN, x-required-role).
 */
export function RequireRole(role: KeyRole): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    UseGuards(ApiKeyGuard, RoleGuard),
    ApiProblems(Problems.KEY_ROLE_FORBIDDEN),
    ApiExtension('x-required-role', role),
  );
}
