import { Alert, App, Card, Grid, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { definitionsApi, submissionsApi } from '../api/submissions-api';
import { tasksApi } from '../api/tasks-api';
import type { FormDefinition, HistoryItem, Snapshot, Submission } from '../api/types';
import { useAuth } from '../auth';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { SubmissionHeader } from '../layout/submission-header';
import { type DiffEntry, diffData } from '../lib/diff';
import { formatDate } from '../lib/labels';
import { useUnitName } from '../lib/reference-data';
import type { Schema } from '../lib/schema';
import { BureauActions } from '../monitoring/bureau-actions';
import { PaymentHoldNotice } from '../monitoring/linked';
import { DocumentView } from '../read/document-view';
import { ProcessCards } from '../review/chain-timeline';
import { DecisionDock } from '../review/decision-dock';
import { type DecisionInput, DecisionPanel } from '../review/decision-panel';
import { DiffList } from '../review/diff-view';
import {
  CommentModal,
  type CommentTarget,
  commentLabel,
  commentsOnDiff,
  type PinnedComment,
  PinnedCommentsCard,
} from '../review/field-comments';
import { RemindButton } from '../review/remind-button';
import '../review/review.css';

interface Loaded {
  submission: Submission;
  form: FormDefinition;
  history: HistoryItem[];
  snapshots: Snapshot[];
}

async function loadAll(id: string): Promise<Loaded> {
  const submission = await submissionsApi.get(id);
  const [form, history, snapshots] = await Promise.all([
    definitionsApi.formVersion(submission.formId, submission.formVersion),
    submissionsApi.history(id).catch(() => [] as HistoryItem[]),
    submissionsApi.snapshots(id).catch(() => [] as Snapshot[]),
  ]);
  return { submission, form, history, snapshots };
}

/** Differences between the two latest submitted rounds, or null when there is only one. */
function latestDiff(
  snapshots: Snapshot[],
  form: FormDefinition,
): { entries: DiffEntry[]; from: Snapshot; to: Snapshot } | null {
  if (snapshots.length < 2) return null;
  const sorted = [...snapshots].sort((a, b) => a.round - b.round || a.at.localeCompare(b.at));
  const to = sorted[sorted.length - 1];
  const from = sorted[sorted.length - 2];
  return { entries: diffData(from.data, to.data, form.schema, form.uiSchema), from, to };
}

export default function ReviewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useAuth();
  const unitOf = useUnitName();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Side by side from 992 px; below, one column with the decision panel docked at the bottom.
  const wide = Grid.useBreakpoint().lg === true;

  const reload = useCallback(() => {
    setError(null);
    return loadAll(id).then(setLoaded).catch(setError);
  }, [id]);

  useEffect(() => {
    setLoaded(null);
    void reload();
  }, [reload]);

  const diff = useMemo(() => (loaded ? latestDiff(loaded.snapshots, loaded.form) : null), [loaded]);
  // 批注 collected on the document, sent with 退回; the previous return's comments shown on the diff.
  const [pinned, setPinned] = useState<PinnedComment[]>([]);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const previous = useMemo(() => {
    if (!loaded || !diff) return null;
    const last = [...loaded.history].sort((a, b) => b.seq - a.seq).find((h) => h.type === 'returned');
    return commentsOnDiff(diff.entries, last?.fieldComments ?? [], diff.to.data);
  }, [loaded, diff]);

  const onDecide = async (decision: DecisionInput) => {
    const input =
      decision.action === 'return' && pinned.length
        ? { ...decision, fieldComments: pinned.map(({ path, rowId, comment }) => ({ path, rowId, comment })) }
        : decision;
    try {
      await submissionsApi.decide(id, input);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning('该环节已由他人处理或状态已变化，已刷新');
        await reload();
        return;
      }
      throw new Error(errorMessage(e));
    }
    message.success('已办理');
    setPinned([]);
    // Straight on to the next open task, or back to the inbox when there is none.
    const next = await tasksApi.list({ status: 'open', limit: 20 }).catch(() => null);
    const task = next?.items.find((t) => t.kind !== 'notify') ?? null;
    if (!task) navigate('/tasks');
    else if (task.submissionId === id) await reload();
    else navigate(`/review/${encodeURIComponent(task.submissionId)}`);
  };

  if (error) return <LoadFailed error={error} back={{ to: '/tasks', label: '返回待办' }} />;
  if (!loaded) return <PageLoading />;

  const { submission, form, history } = loaded;
  const decidable = submission.decidable ?? [];
  const round = submission.workflow?.round ?? 1;
  const unitName = unitOf(submission.unitId, submission.unitName);
  const fiscalYear = submission.data.fiscalYear;

  const diffCard = diff ? (
    <Card
      size="small"
      className="review-diff"
      style={{ borderColor: '#faad14' }}
      title={`自上次退回以来的修改（共 ${diff.entries.length} 处）`}
    >
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        第{diff.from.round}轮 → 第{diff.to.round}轮
      </Typography.Text>
      <DiffList entries={diff.entries} comments={previous?.byEntry} />
      {previous?.untouched.length ? (
        <div className="diff-untouched">
          <Typography.Text type="secondary">上轮批注中未修改的内容：</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {previous.untouched.map((c) => (
              <li key={`${c.path}#${c.rowId ?? ''}#${c.comment}`}>
                {commentLabel(form.schema as Schema, diff.to.data, c)}：{c.comment}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  ) : null;
  const warnings = submission.warnings?.length ? (
    <Alert
      type="warning"
      showIcon
      title="校验提示"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {submission.warnings.map((w) => (
            <li key={`${w.path}:${w.message}`}>{w.message}</li>
          ))}
        </ul>
      }
    />
  ) : null;
  const document = (
    <Card className="review-doc" size="small">
      <header className="review-doc-head">
        <h1>{form.title}</h1>
        <div className="review-doc-meta">
          <span>填报单位：{unitName}</span>
          {typeof fiscalYear === 'number' ? <span>年度：{fiscalYear}</span> : null}
          {round > 1 ? <span>第{round}轮审核</span> : null}
        </div>
      </header>
      <PaymentHoldNotice hold={submission.paymentHold} />
      <DocumentView
        schema={form.schema as Schema}
        uiSchema={form.uiSchema}
        data={submission.data}
        onComment={decidable.some((s) => s.actions.includes('return')) ? setTarget : undefined}
      />
    </Card>
  );
  const noTask = <Alert type="info" showIcon title="您当前没有需要办理的环节" />;
  const pinnedCard = (
    <PinnedCommentsCard comments={pinned} onRemove={(i) => setPinned((p) => p.filter((_, j) => j !== i))} />
  );
  const commentModal = (
    <CommentModal
      target={target}
      onSave={(c) => {
        setPinned((p) => [...p, c]);
        setTarget(null);
      }}
      onCancel={() => setTarget(null)}
    />
  );

  return (
    <div className={wide ? 'review-page' : 'review-page review-narrow'}>
      <SubmissionHeader
        submission={submission}
        formTitle={form.title}
        info={submission.openSteps
          ?.map((s) => (
            <Typography.Text key={s.stepId} type="secondary">
              当前环节：{s.name}
              {s.dueAt ? `（截止 ${formatDate(s.dueAt)}）` : ''}
            </Typography.Text>
          ))
          .concat(
            // The submitting unit finds 催办 on the 审核流程 card; bureau sections here.
            submission.status === 'in_review' && !decidable.length && me?.unitId !== submission.unitId
              ? [<RemindButton key="remind" submissionId={submission.id} />]
              : [],
          )}
        actions={<BureauActions submission={submission} form={form} onDone={() => void reload()} />}
      />
      {wide ? (
        <div className="review-layout">
          <div style={{ minWidth: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
            {warnings}
            {document}
          </div>
          <aside className="review-side" aria-label="审核办理">
            {decidable.length ? <DecisionPanel steps={decidable} onDecide={onDecide} /> : noTask}
            {pinnedCard}
            {diffCard}
            <div>
              <ProcessCards submission={submission} history={history} />
            </div>
          </aside>
        </div>
      ) : (
        <div className="review-layout">
          {decidable.length ? null : noTask}
          {pinnedCard}
          {diffCard}
          {warnings}
          {document}
          <div>
            <ProcessCards submission={submission} history={history} />
          </div>
          <DecisionDock steps={decidable} onDecide={onDecide} />
        </div>
      )}
      {commentModal}
    </div>
  );
}
