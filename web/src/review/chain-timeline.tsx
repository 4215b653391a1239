import { Tag, Typography } from 'antd';
import type { ChainStep, HistoryItem, OpenStep, Submission } from '../api/types';
import { useAuth } from '../auth';
import { Panel } from '../layout/panel';
import { formatDate, formatDateTime, HISTORY_LABELS } from '../lib/labels';
import { plainName } from '../lib/person';
import { useUnits } from '../lib/reference-data';
import { RemindButton } from './remind-button';
import './chain-timeline.css';

const DECISION_TYPES = new Set(['approved', 'returned', 'rejected', 'notified', 'transferred', 'signerAdded']);
const ROUND_START = new Set(['submitted', 'resubmitted']);
/** The 审核记录 dot of an event: orange 退回, red 不予通过, green 通过, blue anything else. */
const DOT_COLORS = { returned: '#fa8c16', rejected: '#cf1322', approved: '#237804', other: '#0958d9' };

/** History events of the current review round (after the latest submit). */
export function currentRound(history: HistoryItem[]): HistoryItem[] {
  const sorted = [...history].sort((a, b) => a.seq - b.seq);
  let start = 0;
  sorted.forEach((h, i) => {
    if (ROUND_START.has(h.type)) start = i;
  });
  return sorted.slice(start);
}

/** Unit name of an actor: from the event, else from the units list. */
function useActorUnit(): (item: HistoryItem) => string | undefined {
  const units = useUnits();
  return (item) => item.actor?.unitName ?? units.find((u) => u.id === item.actor?.unitId)?.name;
}

/** 代办 (on behalf of), 转交 target and 加签 unit of a history event, when it has them. */
function VerbDetail({ item }: { item: HistoryItem }) {
  const units = useUnits();
  const name = (id?: string) => units.find((u) => u.id === id)?.name ?? id;
  return (
    <>
      {item.onBehalfOf ? <div>代 {plainName(item.onBehalfOf.name)} 办理（委托代办）</div> : null}
      {item.toUnitId ? <div>转交给：{name(item.toUnitId)}</div> : null}
      {item.addedUnitId ? (
        <div>
          加签：{name(item.addedUnitId)}（{item.position === 'after' ? '本单位通过后办理' : '先于本单位办理'}）
        </div>
      ) : null}
    </>
  );
}

function Opinion({ item }: { item: HistoryItem }) {
  const unitOf = useActorUnit();
  const unit = unitOf(item);
  return (
    <div>
      <div>
        {item.actor ? plainName(item.actor.name, unit) : '—'}
        {unit ? `（${unit}）` : ''} · {formatDateTime(item.at)}
      </div>
      <VerbDetail item={item} />
      {item.comment ? (
        <div className="opinion-text" style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>
          意见：{item.comment}
        </div>
      ) : null}
      {item.score !== undefined && item.score !== null ? <div>评分：{item.score}</div> : null}
    </div>
  );
}

export interface ChainTimelineProps {
  steps: ChainStep[];
  openSteps: OpenStep[];
  trail?: { stepId: string; outcome: string; at: string }[];
  history: HistoryItem[];
}

/**
 * Every step of the chain with who decided, when, the opinion and score; the open step is highlighted. Drawn like
 * antd's small vertical Steps and, below, its Timeline (chain-timeline.css) without loading them.
 */
export function ChainTimeline({ steps, openSteps, trail = [], history }: ChainTimelineProps) {
  const units = useUnits();
  const holder = (o: OpenStep) => o.assigneeUnitName ?? units.find((u) => u.id === o.assigneeUnitId)?.name ?? '';
  const round = currentRound(history);
  const open = new Set(openSteps.map((s) => s.stepId));
  const items = steps.map((step) => {
    const decisions = round.filter((h) => h.stepId === step.id && DECISION_TYPES.has(h.type));
    const last = decisions[decisions.length - 1];
    const outcome = trail.filter((t) => t.stepId === step.id).pop()?.outcome;
    let status: 'wait' | 'process' | 'finish' | 'error' = 'wait';
    let tag: { text: string; color: string } | null = null;
    if (open.has(step.id)) {
      status = 'process';
      tag = { text: '当前环节', color: 'processing' };
    } else if (last?.type === 'approved' || outcome === 'approved') {
      status = 'finish';
      tag = { text: '已通过', color: 'success' };
    } else if (last?.type === 'returned' || outcome === 'returned') {
      status = 'error';
      tag = { text: '已退回', color: 'warning' };
    } else if (last?.type === 'rejected' || outcome === 'rejected') {
      status = 'error';
      tag = { text: '不予通过', color: 'error' };
    } else if (outcome === 'skipped') {
      tag = { text: '本轮不适用', color: 'default' };
    } else if (outcome === 'notified' || last?.type === 'notified') {
      status = 'finish';
      tag = { text: '已抄送', color: 'default' };
    }
    const held = openSteps.filter((s) => s.stepId === step.id);
    const due = held[0]?.dueAt;
    return {
      key: step.id,
      status,
      title: (
        <span>
          {step.name}
          {step.kind === 'notify' ? <Tag style={{ marginInlineStart: 6 }}>抄送</Tag> : null}
          {tag ? (
            <Tag color={tag.color} style={{ marginInlineStart: 6 }}>
              {tag.text}
            </Tag>
          ) : null}
        </span>
      ),
      content: (
        <div className="chain-step-content">
          {step.basis ? <Typography.Text type="secondary">依据：规程{step.basis}</Typography.Text> : null}
          {held.length ? <div>办理单位：{held.map(holder).join('、')}</div> : null}
          {due && open.has(step.id) ? <div>截止：{formatDate(due)}</div> : null}
          {decisions.map((d) => (
            <Opinion key={d.seq} item={d} />
          ))}
        </div>
      ),
    };
  });
  return (
    <ol className="chain-timeline">
      {items.map((item, i) => (
        <li
          key={item.key}
          className={`chain-step chain-step-${item.status}`}
          aria-current={item.status === 'process' ? 'step' : undefined}
        >
          <span className="chain-step-icon" aria-hidden="true">
            {item.status === 'finish' ? '✓' : item.status === 'error' ? '✕' : i + 1}
          </span>
          <div className="chain-step-main">
            <div className="chain-step-title">{item.title}</div>
            {item.content}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Every recorded event, newest first (审核记录). */
export function HistoryTimeline({ history, steps }: { history: HistoryItem[]; steps: ChainStep[] }) {
  const stepName = new Map(steps.map((s) => [s.id, s.name]));
  const unitOf = useActorUnit();
  const items = [...history]
    .filter((h) => h.type !== 'saved')
    .sort((a, b) => b.seq - a.seq)
    .map((h) => ({
      key: h.seq,
      color: (h.type === 'returned' || h.type === 'rejected' || h.type === 'approved'
        ? h.type
        : 'other') as keyof typeof DOT_COLORS,
      title: formatDateTime(h.at),
      content: (
        <div>
          <strong>{HISTORY_LABELS[h.type] ?? h.type}</strong>
          {h.stepId ? `（${h.stepName ?? stepName.get(h.stepId) ?? h.stepId}）` : ''} ·{' '}
          {h.actor ? plainName(h.actor.name, unitOf(h)) : '—'}
          {unitOf(h) ? `，${unitOf(h)}` : ''}
          <VerbDetail item={h} />
          {h.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>意见：{h.comment}</div> : null}
          {h.score !== undefined && h.score !== null ? <div>评分：{h.score}</div> : null}
        </div>
      ),
    }));
  return (
    <ol className="history-timeline">
      {items.map((item) => (
        <li key={item.key} className="history-item">
          <span className="history-dot" style={{ borderColor: DOT_COLORS[item.color] }} aria-hidden="true" />
          <div className="history-time">{item.title}</div>
          {item.content}
        </li>
      ))}
    </ol>
  );
}

export interface ProcessCardsProps {
  submission: Pick<Submission, 'id' | 'unitId' | 'status' | 'chain' | 'openSteps' | 'workflow'>;
  history: HistoryItem[];
  /** Space above the first card (when something stands above it in the column). */
  spaced?: boolean;
}

/** The side column of the fill and review pages: 审核流程 (the chain's steps) and 审核记录 (every event). */
export function ProcessCards({ submission, history, spaced = false }: ProcessCardsProps) {
  const { me } = useAuth();
  // 催办: the submitting unit reminds whoever holds the open step (bureau sections do it on the review page).
  const remind =
    submission.status === 'in_review' && submission.openSteps?.length && me?.unitId === submission.unitId ? (
      <RemindButton submissionId={submission.id} />
    ) : undefined;
  return (
    <>
      {submission.chain ? (
        <Panel title="审核流程" extra={remind} style={spaced ? { marginTop: 12 } : undefined}>
          <ChainTimeline
            steps={submission.chain.steps}
            openSteps={submission.openSteps ?? []}
            trail={submission.workflow?.trail}
            history={history}
          />
        </Panel>
      ) : null}
      <Panel title="审核记录" style={spaced || submission.chain ? { marginTop: 12 } : undefined}>
        <HistoryTimeline history={history} steps={submission.chain?.steps ?? []} />
      </Panel>
    </>
  );
}
