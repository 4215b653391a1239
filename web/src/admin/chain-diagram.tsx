import { Fragment } from 'react';
import type { Assignee, ChainStep } from './admin-api';

export function assigneeText(a: Assignee, unitName: (id: string) => string): string {
  if (a.type === 'unit') return unitName(a.unitId);
  if (a.type === 'managingSection') return '归口业务股室';
  if (a.type === 'subjectUnit') return '被评价（检查）单位';
  return '填报单位';
}

function Box({
  title,
  lines,
  dashed,
  tone,
}: {
  title: string;
  lines: string[];
  dashed?: boolean;
  tone: 'start' | 'review' | 'notify' | 'end';
}) {
  const colors = { start: '#f6ffed', review: '#e6f4ff', notify: '#fffbe6', end: '#f6ffed' };
  const borders = { start: '#b7eb8f', review: '#91caff', notify: '#ffe58f', end: '#b7eb8f' };
  return (
    <div
      className="chain-diagram-box"
      data-dashed={dashed ? 'true' : 'false'}
      style={{
        minWidth: 120,
        maxWidth: 180,
        padding: '6px 10px',
        borderRadius: 6,
        border: `2px ${dashed ? 'dashed' : 'solid'} ${borders[tone]}`,
        background: colors[tone],
        fontSize: 12,
        lineHeight: '18px',
      }}
    >
      <div style={{ fontWeight: 600 }}>{title}</div>
      {lines.map((l) => (
        <div key={l} style={{ color: '#595959' }}>
          {l}
        </div>
      ))}
    </div>
  );
}

function Arrow() {
  return (
    <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" style={{ flex: 'none', alignSelf: 'center' }}>
      <line x1="0" y1="8" x2="22" y2="8" stroke="#8c8c8c" strokeWidth="2" />
      <polygon points="22,3 28,8 22,13" fill="#8c8c8c" />
    </svg>
  );
}

/** The chain as boxes and arrows: conditional steps dashed, 抄送 steps yellow. Plain React, text only. */
export function ChainDiagram({ steps, unitName }: { steps: ChainStep[]; unitName: (id: string) => string }) {
  return (
    <div
      data-testid="chain-diagram"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'stretch', rowGap: 12 }}
    >
      <Box title="填报单位提交" lines={[]} tone="start" />
      {steps.map((s, i) => {
        const list = Array.isArray(s.assignee) ? s.assignee : [s.assignee];
        const lines = [
          list.map((a) => assigneeText(a, unitName)).join('、'),
          ...(list.length > 1 ? [s.mode === 'any' ? '或签' : '会签'] : []),
          ...(s.basis ? [s.basis] : []),
          ...(s.dueInWorkingDays ? [`${s.dueInWorkingDays} 个工作日`] : []),
          ...(s.when ? ['有条件'] : []),
          ...(s.score ? [`评分 ${s.score.min}–${s.score.max}`] : []),
        ].filter(Boolean);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional in the diagram
          <Fragment key={i}>
            <Arrow />
            <Box
              title={`${i + 1}. ${s.name || '（未命名）'}${s.kind === 'notify' ? '（抄送）' : ''}`}
              lines={lines}
              dashed={Boolean(s.when)}
              tone={s.kind === 'notify' ? 'notify' : 'review'}
            />
          </Fragment>
        );
      })}
      <Arrow />
      <Box title="办结" lines={[]} tone="end" />
    </div>
  );
}
