import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';
import { COMMAND_LINE, recordAudit } from '../audit/audit';
import { ConsoleCredentials } from '../console-auth/console-credentials';
import {
  CreatedOperatorDto,
  CreateOperatorDto,
  OperatorDto,
  SetupLinkDto,
  UpdateOperatorDto,
} from './dto/operator.dto';
import { OperatorEntity, OperatorRole } from './operator.entity';
import { OperatorRepository } from './operator.repository';
import { OperatorContext, requireCentral } from './operator-scope';

const TOKEN_PREFIX = 'cpo_';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const OperatorErrors = {
  tokenMissing: () => problem(Problems.OPS_TOKEN_MISSING),
  tokenInvalid: () => problem(Problems.OPS_TOKEN_INVALID),
  tokenRevoked: () => problem(Problems.OPS_TOKEN_REVOKED),
  notFound: (id: string) => problem(Problems.OPERATOR_NOT_FOUND, { id }),
  selfRevoke: () => problem(Problems.OPERATOR_SELF_REVOKE),
  prefecture: () => problem(Problems.OPERATOR_PREFECTURE),
  revoked: (id: string) => problem(Problems.OPERATOR_REVOKED, { id }),
};

/**
 * Operator accounts: random tokens, stored as sha256 (192 random bits need no slow hash), and a one-time link
 * to set up console sign-in (console-auth).
 */
@Injectable()
export class OperatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly operators: OperatorRepository,
    private readonly consoleCredentials: ConsoleCredentials,
  ) {}

  async authenticate(token: string | undefined): Promise<OperatorContext> {
    if (!token) throw OperatorErrors.tokenMissing();
    const op = await this.operators.findByTokenHash(hashToken(token));
    if (!op) throw OperatorErrors.tokenInvalid();
    if (op.revokedAt) throw OperatorErrors.tokenRevoked();
    return toOperatorContext(op);
  }

  async create(actor: OperatorContext, dto: CreateOperatorDto): Promise<CreatedOperatorDto> {
    requireCentral(actor);
    if ((dto.role === 'prefecture') !== (dto.prefecture !== undefined)) throw OperatorErrors.prefecture();
    return this.dataSource.transaction((m) =>
      this.createOperator(m, actor, dto.name, dto.role, dto.prefecture ?? null),
    );
  }

  async list(actor: OperatorContext): Promise<OperatorDto[]> {
    requireCentral(actor);
    return (await this.operators.listByCreation()).map(toOperatorDto);
  }

  /**
   * Changes an operator's role or prefecture (central only, audited when something changed): it applies from
   * the operator's next request, with its token or its console session.
   */
  async update(actor: OperatorContext, id: string, dto: UpdateOperatorDto): Promise<OperatorDto> {
    requireCentral(actor);
    if (!isUUID(id)) throw OperatorErrors.notFound(id);
    return this.dataSource.transaction(async (m) => {
      const row = await this.operators.findForUpdate(m, id);
      if (!row) throw OperatorErrors.notFound(id);
      const role = dto.role ?? row.role;
      // A role that changes takes the prefecture given with it (none for a central administrator).
      const prefecture = dto.prefecture ?? (role === row.role ? row.prefecture : null);
      if ((role === 'prefecture') !== (prefecture !== null)) throw OperatorErrors.prefecture();
      if (role !== row.role || prefecture !== row.prefecture) {
        const from = { role: row.role, prefecture: row.prefecture };
        row.role = role;
        row.prefecture = prefecture;
        await this.operators.save(m, row);
        await recordAudit(
          m,
          actor,
          'operator.update',
          row.id,
          { name: row.name, from, to: { role, prefecture } },
          prefecture ?? from.prefecture,
        );
      }
      return toOperatorDto(row);
    });
  }

  /**
   * Clears an operator's console password and authenticator (central only, audited): its sessions end, and
   * the new set-up link is the only way back in.
   */
  async resetSecondFactor(actor: OperatorContext, id: string): Promise<SetupLinkDto> {
    requireCentral(actor);
    if (!isUUID(id)) throw OperatorErrors.notFound(id);
    return this.dataSource.transaction(async (m) => {
      const row = await this.operators.findForUpdate(m, id);
      if (!row) throw OperatorErrors.notFound(id);
      if (row.revokedAt) throw OperatorErrors.revoked(id);
      await this.operators.clearCredentials(m, row.id);
      await this.consoleCredentials.endAccess(m, row.id);
      const setupUrl = await this.consoleCredentials.issueSetupLink(m, row.id);
      await recordAudit(
        m,
        actor,
        'operator.reset_second_factor',
        row.id,
        { name: row.name, wasEnrolled: row.passwordHash !== null },
        row.prefecture,
      );
      return { setupUrl };
    });
  }

  /**
   * Revokes an operator's token for good (central only, audited); revoking twice keeps the first time. Its
   * console sessions end at once.
   */
  async revoke(actor: OperatorContext, id: string): Promise<OperatorDto> {
    requireCentral(actor);
    if (!isUUID(id)) throw OperatorErrors.notFound(id);
    if (id === actor.id) throw OperatorErrors.selfRevoke();
    return this.dataSource.transaction(async (m) => {
      const row = await this.operators.findForUpdate(m, id);
      if (!row) throw OperatorErrors.notFound(id);
      if (!row.revokedAt) {
        await this.operators.markRevoked(m, row, new Date());
        await this.consoleCredentials.endAccess(m, row.id);
        await recordAudit(
          m,
          actor,
          'operator.revoke',
          row.id,
          { name: row.name, role: row.role },
          row.prefecture,
        );
      }
      return toOperatorDto(row);
    });
  }

  /** The first central administrator, from the command line (`npm run ops -- create-admin NAME`). */
  createAdmin(name: string): Promise<CreatedOperatorDto> {
    return this.dataSource.transaction((m) => this.createOperator(m, COMMAND_LINE, name, 'central', null));
  }

  private async createOperator(
    m: EntityManager,
    actor: { id: string | null; name: string },
    name: string,
    role: OperatorRole,
    prefecture: string | null,
  ): Promise<CreatedOperatorDto> {
    const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
    const row = await this.operators.insert(m, {
      id: randomUUID(),
      name,
      role,
      prefecture,
      tokenHash: hashToken(token),
    });
    const setupUrl = await this.consoleCredentials.issueSetupLink(m, row.id);
    await recordAudit(m, actor, 'operator.create', row.id, { name, role, prefecture }, prefecture);
    return { ...toOperatorDto(row), token, setupUrl };
  }
}

export function toOperatorContext(o: OperatorEntity): OperatorContext {
  return { id: o.id, name: o.name, role: o.role, prefecture: o.prefecture };
}

function toOperatorDto(o: OperatorEntity): OperatorDto {
  return {
    id: o.id,
    name: o.name,
    role: o.role,
    prefecture: o.prefecture,
    createdAt: o.createdAt.toISOString(),
    revokedAt: o.revokedAt?.toISOString() ?? null,
    consoleEnrolled: Boolean(o.passwordHash),
  };
}
