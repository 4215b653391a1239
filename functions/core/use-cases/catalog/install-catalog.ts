import { ConflictError } from '../../errors';
import type {
  FormExample,
  FormLogic,
  FormVersion,
  Indicator,
  OrgSettings,
  PrefillSource,
  Role,
  Unit,
} from '../../model';
import type { Deps } from '../../ports';
import type { Chain } from '../../workflow/types';

export interface Catalog {
  units: Unit[];
  settings: OrgSettings;
  users: { username: string; name: string; unitId: string; roles: Role[]; phone?: string }[];
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
    prefill?: Record<string, PrefillSource>;
    source?: FormVersion['source'];
    creators?: string[];
    subjectCodePath?: string;
  }[];
  /** The starting 县级预算绩效指标库 (第十八条), forms/indicators/library.json. */
  indicators?: Omit<Indicator, 'version' | 'createdAt' | 'updatedAt'>[];
}

/**
 * Seeds the built-in organisation, demo users, chains and forms. Idempotent: only what is missing is
 * written, so restarting never overwrites what an administrator changed.
 */
export async function installCatalog(
  deps: Deps,
  catalog: Catalog,
  demoPassword: string,
): Promise<{ created: string[] }> {
  const created: string[] = [];
  const now = deps.clock.now();
  // Each group's existence checks run in parallel: a restart with data present costs one round of reads.
  const each = <T>(items: T[], install: (item: T) => Promise<string | null>) =>
    Promise.all(items.map(install)).then((done) => created.push(...done.filter((d): d is string => d !== null)));

  const { checkChainDefinition } = await import('../../../../forms/lib/server/chain-schema');
  for (const c of catalog.chains) {
    const errors = checkChainDefinition(c);
    if (errors.length) throw new Error(`built-in chain ${c.id} is invalid: ${JSON.stringify(errors)}`);
  }
  await each(catalog.units, async (unit) => {
    if (await deps.org.getUnit(unit.id)) return null;
    await deps.org.putUnit(unit);
    return `unit:${unit.id}`;
  });
  const settings = await deps.org.getSettings();
  if (Object.keys(settings.fundTypeRouting).length === 0) await deps.org.putSettings(catalog.settings);
  const missingUsers = (
    await Promise.all(catalog.users.map(async (u) => ((await deps.users.getByUsername(u.username)) ? null : u)))
  ).filter((u) => u !== null);
  if (missingUsers.length > 0) {
    const hash = await deps.passwords.hash(demoPassword);
    await each(missingUsers, async (u) => {
      await deps.users.create({
        id: u.username,
        username: u.username,
        name: u.name,
        unitId: u.unitId,
        roles: u.roles,
        ...(u.phone ? { phone: u.phone } : {}),
        passwordHash: hash,
        createdAt: now,
      });
      return `user:${u.username}`;
    });
  }
  await each(catalog.chains, async (c) => {
    if (await deps.chains.getHead(c.id)) return null;
    await deps.chains.createVersion({ ...c, version: 1 }, 0, now);
    return `chain:${c.id}`;
  });
  await each(catalog.forms, async (f) => {
    if (await deps.forms.getHead(f.id)) return null;
    const chain = await deps.chains.getHead(f.chainId);
    if (!chain) throw new Error(`built-in form ${f.id} names a missing chain ${f.chainId}`);
    await deps.forms.createVersion(
      { ...f, version: 1, status: 'draft', chainVersion: chain.latestVersion, createdAt: now, createdBy: 'system' },
      0,
    );
    await deps.forms.publish(f.id, 1, now);
    return `form:${f.id}`;
  });
  await each(catalog.indicators ?? [], async (ind) => {
    if (await deps.indicators.get(ind.id)) return null;
    try {
      await deps.indicators.create({ ...ind, version: 1, createdAt: now, updatedAt: now, updatedBy: 'system' });
      return `indicator:${ind.id}`;
    } catch (err) {
      // An admin already keeps an indicator of that name: theirs stays.
      if (!(err instanceof ConflictError)) throw err;
      return null;
    }
  });
  return { created };
}
