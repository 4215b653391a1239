import { ConflictError } from '../errors';
import type { FormExample, FormLogic, Indicator, OrgSettings, Role, Unit } from '../model';
import type { Deps } from '../ports';
import { checkChainDefinition } from '../workflow/chain-schema';
import type { Chain } from '../workflow/types';

export interface Catalog {
  units: Unit[];
  settings: OrgSettings;
  users: { username: string; name: string; unitId: string; roles: Role[] }[];
  chains: Omit<Chain, 'version'>[];
  forms: {
    id: string;
    title: string;
    family?: string;
    chainId: string;
    schema: Record<string, unknown>;
    uiSchema: Record<string, unknown>;
    logic?: FormLogic;
    examples: FormExample[];
  }[];
  /** The starting 县级预算绩效指标库 (第十八条), forms/indicators/library.json. */
  indicators?: Omit<Indicator, 'version' | 'createdAt' | 'updatedAt'>[];
}

/**
 * Seeds the built-in organisation, demo users, chains and forms. Idempotent: only what is missing is
 * written, so restarting never overwrites what an administrator changed.
 */
export async function installCatalog(deps: Deps, catalog: Catalog, demoPassword: string): Promise<{ created: string[] }> {
  const created: string[] = [];
  const now = deps.clock.now();
  for (const unit of catalog.units) {
    if (!(await deps.org.getUnit(unit.id))) {
      await deps.org.putUnit(unit);
      created.push(`unit:${unit.id}`);
    }
  }
  const settings = await deps.org.getSettings();
  if (Object.keys(settings.fundTypeRouting).length === 0) await deps.org.putSettings(catalog.settings);
  let hash: string | undefined;
  for (const u of catalog.users) {
    if (await deps.users.getByUsername(u.username)) continue;
    hash ??= await deps.passwords.hash(demoPassword);
    await deps.users.create({ id: u.username, username: u.username, name: u.name, unitId: u.unitId, roles: u.roles, passwordHash: hash, createdAt: now });
    created.push(`user:${u.username}`);
  }
  for (const c of catalog.chains) {
    const errors = checkChainDefinition(c);
    if (errors.length) throw new Error(`built-in chain ${c.id} is invalid: ${JSON.stringify(errors)}`);
    if (await deps.chains.getHead(c.id)) continue;
    await deps.chains.createVersion({ ...c, version: 1 }, 0, now);
    created.push(`chain:${c.id}`);
  }
  for (const f of catalog.forms) {
    if (await deps.forms.getHead(f.id)) continue;
    const chain = await deps.chains.getHead(f.chainId);
    if (!chain) throw new Error(`built-in form ${f.id} names a missing chain ${f.chainId}`);
    await deps.forms.createVersion(
      { ...f, version: 1, status: 'draft', chainVersion: chain.latestVersion, createdAt: now, createdBy: 'system' },
      0,
    );
    await deps.forms.publish(f.id, 1, now);
    created.push(`form:${f.id}`);
  }
  for (const ind of catalog.indicators ?? []) {
    if (await deps.indicators.get(ind.id)) continue;
    try {
      await deps.indicators.create({ ...ind, version: 1, createdAt: now, updatedAt: now, updatedBy: 'system' });
      created.push(`indicator:${ind.id}`);
    } catch (err) {
      // An admin already keeps an indicator of that name: theirs stays.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return { created };
}
