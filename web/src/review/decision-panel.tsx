import type CoreForm from '@rjsf/core';
import { createSchemaUtils, type Experimental_DefaultFormStateBehavior, type RJSFSchema } from '@rjsf/utils';
import { Alert, Button, Card, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { DecisionRequest } from '../api/submissions-api';
import type { DecidableStep, DecisionAction } from '../api/types';
import { prepareUiSchema, translateString, validator } from '../form/rjsf-setup';
import { ThemedForm } from '../form/rjsf-theme';
import { ACTION_LABELS } from '../lib/labels';
import { plainName } from '../lib/person';
import { HandOnControls } from './hand-on-controls';

export type DecisionInput = DecisionRequest;

export interface DecisionPanelProps {
  steps: DecidableStep[];
  onDecide(input: DecisionInput): Promise<void>;
}

const ACTION_ORDER: DecisionAction[] = ['approve', 'return', 'reject'];

/**
 * A decision is the reviewer's own: nothing is chosen for them. rjsf by default turns the first `const` of
 * a `oneOf` (an enum with titles, e.g. 审核等级 优/良/中/差) into a default, which would preselect 优 and
 * send it. Only an explicit `default` in the step's decisionSchema fills a field in advance.
 */
const DECISION_DEFAULTS: Experimental_DefaultFormStateBehavior = {
  constAsDefaults: 'never',
  emptyObjectFields: 'skipEmptyDefaults',
};
const DECISION_UI = prepareUiSchema({});

/** Drops what was left empty (undefined, null, '', [], {}) at any depth; undefined when nothing is left. */
export function pruneEmpty(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const kept = pruneEmpty(v);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** The decision fields a step starts with: only the schema's explicit defaults. */
export function decisionDefaults(schema: Record<string, unknown>): Record<string, unknown> {
  const utils = createSchemaUtils(validator, schema as RJSFSchema, DECISION_DEFAULTS);
  const state = utils.getDefaultFormState(schema as RJSFSchema, {});
  return state && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
}

function StepDecision({ step, onDecide }: { step: DecidableStep; onDecide: DecisionPanelProps['onDecide'] }) {
  const [comment, setComment] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const initialFields = useMemo(
    () => (step.decisionSchema ? decisionDefaults(step.decisionSchema) : {}),
    [step.decisionSchema],
  );
  const [fields, setFields] = useState<Record<string, unknown>>(initialFields);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [scoreError, setScoreError] = useState<string | null>(null);
  const [pending, setPending] = useState<DecisionAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldsForm = useRef<CoreForm>(null);
  const scoreLabel = step.score?.label ?? '评分';

  /**
   * The decision fields to send: without empty entries, none at all when nothing is left. A return
   * concludes nothing, so fields the reviewer did not touch (only the schema's defaults) stay out of it.
   */
  const fieldsFor = (action: DecisionAction): Record<string, unknown> | undefined => {
    if (!step.decisionSchema) return undefined;
    const kept = pruneEmpty(fields) as Record<string, unknown> | undefined;
    if (!kept) return undefined;
    if (action === 'return' && JSON.stringify(kept) === JSON.stringify(pruneEmpty(initialFields) ?? null))
      return undefined;
    return kept;
  };

  const check = (action: DecisionAction): boolean => {
    let ok = true;
    if ((action === 'return' || action === 'reject') && !comment.trim()) {
      setCommentError(`${ACTION_LABELS[action]}时必须填写审核意见`);
      ok = false;
    } else setCommentError(null);
    if (step.score) {
      const { min, max, required } = step.score;
      if (score === null || score === undefined) {
        if (required && action === 'approve') {
          setScoreError(`请填写${scoreLabel}（${min}–${max}）`);
          ok = false;
        } else setScoreError(null);
      } else if (score < min || score > max) {
        setScoreError(`${scoreLabel}应在 ${min}–${max} 之间`);
        ok = false;
      } else setScoreError(null);
    }
    // Fields that will be sent are checked (required ones too); 通过 always checks them.
    const checkFields = action === 'approve' || fieldsFor(action) !== undefined;
    if (step.decisionSchema && checkFields && fieldsForm.current && !fieldsForm.current.validateForm()) ok = false;
    return ok;
  };

  const start = (action: DecisionAction) => {
    setError(null);
    if (check(action)) setPending(action);
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      const input: DecisionInput = { stepId: step.stepId, action: pending, comment: comment.trim() };
      if (score !== null && score !== undefined) input.score = score;
      const sent = fieldsFor(pending);
      if (sent) input.fields = sent;
      await onDecide(input);
      setPending(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作失败，请稍后重试');
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  const actions = ACTION_ORDER.filter((a) => step.actions.includes(a));
  const commentId = `decision-comment-${step.stepId}`;
  const scoreId = `decision-score-${step.stepId}`;

  return (
    <Card size="small" title={`本环节：${step.name}`} className="decision-panel">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {step.score ? (
        <div style={{ marginBottom: 12 }}>
          <label htmlFor={scoreId}>
            {step.score.required ? <span style={{ color: '#ff4d4f' }}>* </span> : null}
            {scoreLabel}（{step.score.min}–{step.score.max}）
          </label>
          <InputNumber
            id={scoreId}
            aria-label={scoreLabel}
            style={{ width: '100%' }}
            min={step.score.min}
            max={step.score.max}
            value={score}
            status={scoreError ? 'error' : undefined}
            onChange={(v) => setScore(typeof v === 'number' ? v : null)}
          />
          {scoreError ? <div style={{ color: '#ff4d4f' }}>{scoreError}</div> : null}
        </div>
      ) : null}
      {step.decisionSchema ? (
        <div className="decision-fields">
          <ThemedForm
            ref={fieldsForm}
            schema={step.decisionSchema as RJSFSchema}
            uiSchema={DECISION_UI}
            formData={fields}
            validator={validator}
            translateString={translateString}
            experimental_defaultFormStateBehavior={DECISION_DEFAULTS}
            noHtml5Validate
            showErrorList={false}
            onChange={(e) => setFields((e.formData ?? {}) as Record<string, unknown>)}
          />
        </div>
      ) : null}
      <div style={{ marginBottom: 12 }}>
        <label htmlFor={commentId}>审核意见</label>
        <Input.TextArea
          id={commentId}
          aria-label="审核意见"
          rows={4}
          maxLength={2000}
          showCount
          placeholder="退回或不予通过时必填"
          value={comment}
          status={commentError ? 'error' : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            if (e.target.value.trim()) setCommentError(null);
          }}
        />
        {commentError ? <div style={{ color: '#ff4d4f' }}>{commentError}</div> : null}
      </div>
      <Space wrap>
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'approve' ? 'primary' : 'default'}
            danger={action === 'reject'}
            onClick={() => start(action)}
            disabled={busy}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Space>
      {step.onBehalfOf ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          您正代 {plainName(step.onBehalfOf.name)} 办理（委托代办）
        </Typography.Paragraph>
      ) : null}
      <HandOnControls step={step} onDecide={onDecide} />
      <Modal
        open={pending !== null}
        title={pending ? `确认${ACTION_LABELS[pending]}？` : ''}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ danger: pending === 'reject' }}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          环节：{step.name}；处理结果：{pending ? ACTION_LABELS[pending] : ''}
          {score !== null ? `；${scoreLabel}：${score}` : ''}
        </Typography.Paragraph>
        {comment.trim() ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>审核意见：{comment.trim()}</Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary">提交后不可撤销。</Typography.Text>
      </Modal>
    </Card>
  );
}

/** Decision controls for every step the caller may decide now (usually one). */
export function DecisionPanel({ steps, onDecide }: DecisionPanelProps) {
  if (!steps.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {steps.map((step) => (
        <StepDecision key={step.stepId} step={step} onDecide={onDecide} />
      ))}
    </Space>
  );
}
