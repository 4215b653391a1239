/**
 * Which units a 填报任务 goes to: every 预算单位, those of chosen 归口 股室, or units ticked by hand
 * (grouped by their 归口 股室, with a 全选 per group). Works as a plain checkbox list on a phone.
 */
import { Checkbox, Radio, Typography } from 'antd';
import { useMemo } from 'react';
import type { Unit } from '../api/types';

export type OrgUnit = Unit & { managedBy?: string | null };
export type PickMode = 'all' | 'byManager' | 'manual';

interface Group {
  managerId: string;
  managerName: string;
  units: OrgUnit[];
}

/** 预算单位 grouped by their 归口 股室 (units without one last, under 其他). */
export function groupByManager(units: OrgUnit[]): Group[] {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const groups = new Map<string, Group>();
  for (const u of units) {
    if (u.kind !== 'department') continue;
    const key = u.managedBy ?? '';
    const group = groups.get(key) ?? {
      managerId: key,
      managerName: key ? (names.get(key) ?? key) : '其他',
      units: [],
    };
    group.units.push(u);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.managerId ? 0 : 1) - (b.managerId ? 0 : 1));
}

export function UnitPicker({
  units,
  mode,
  onMode,
  value,
  onChange,
  fixed = [],
  modes = ['all', 'byManager', 'manual'],
}: {
  units: OrgUnit[];
  mode: PickMode;
  onMode(mode: PickMode): void;
  value: string[];
  onChange(unitIds: string[]): void;
  /** Units already in the campaign (edit): shown ticked and locked. */
  fixed?: string[];
  modes?: PickMode[];
}) {
  const groups = useMemo(() => groupByManager(units), [units]);
  const departments = groups.flatMap((g) => g.units);
  const chosen = new Set(value);
  const locked = new Set(fixed);
  const managersChosen = groups
    .filter((g) => g.managerId && g.units.every((u) => chosen.has(u.id) || locked.has(u.id)))
    .map((g) => g.managerId);

  const setGroup = (group: Group, on: boolean) => {
    const ids = new Set(value);
    for (const u of group.units) {
      if (locked.has(u.id)) continue;
      if (on) ids.add(u.id);
      else ids.delete(u.id);
    }
    onChange(departments.map((u) => u.id).filter((id) => ids.has(id)));
  };

  const labels: Record<PickMode, string> = { all: '全部预算单位', byManager: '按归口股室', manual: '逐个选择' };
  return (
    <div className="unit-picker">
      <Radio.Group
        aria-label="下发范围"
        value={mode}
        onChange={(e) => {
          const next = e.target.value as PickMode;
          onMode(next);
          if (next === 'all') onChange(departments.map((u) => u.id).filter((id) => !locked.has(id)));
          else onChange([]);
        }}
        options={modes.map((m) => ({ value: m, label: labels[m] }))}
      />
      <div style={{ marginTop: 8 }}>
        {mode === 'all' ? (
          <Typography.Text type="secondary">
            下发给全部 {departments.length - locked.size} 个{locked.size ? '尚未纳入的' : ''}预算单位。
          </Typography.Text>
        ) : null}
        {mode === 'byManager' ? (
          <Checkbox.Group
            aria-label="归口股室"
            value={managersChosen}
            onChange={(ids) => {
              const on = new Set(ids as string[]);
              const next = groups
                .filter((g) => on.has(g.managerId))
                .flatMap((g) => g.units.map((u) => u.id))
                .filter((id) => !locked.has(id));
              onChange(next);
            }}
            options={groups
              .filter((g) => g.managerId)
              .map((g) => ({ value: g.managerId, label: `${g.managerName}（${g.units.length}个单位）` }))}
          />
        ) : null}
        {mode === 'manual'
          ? groups.map((g) => {
              const free = g.units.filter((u) => !locked.has(u.id));
              const on = free.filter((u) => chosen.has(u.id)).length;
              return (
                <div className="unit-picker-group" key={g.managerId || 'none'}>
                  <Checkbox
                    checked={free.length > 0 && on === free.length}
                    indeterminate={on > 0 && on < free.length}
                    disabled={!free.length}
                    onChange={(e) => setGroup(g, e.target.checked)}
                  >
                    <strong>{g.managerName}</strong> 归口
                  </Checkbox>
                  <Checkbox.Group
                    value={g.units.filter((u) => chosen.has(u.id) || locked.has(u.id)).map((u) => u.id)}
                    onChange={(ids) => {
                      const inGroup = new Set(g.units.map((u) => u.id));
                      const others = value.filter((id) => !inGroup.has(id));
                      const mine = (ids as string[]).filter((id) => !locked.has(id));
                      onChange(departments.map((u) => u.id).filter((id) => others.includes(id) || mine.includes(id)));
                    }}
                    options={g.units.map((u) => ({ value: u.id, label: u.name, disabled: locked.has(u.id) }))}
                  />
                </div>
              );
            })
          : null}
        {mode !== 'all' ? (
          <Typography.Text type="secondary" data-testid="units-chosen">
            已选 {value.length} 个单位
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
