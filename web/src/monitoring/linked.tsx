import { Alert, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import type { PaymentHold, SubmissionSource } from '../api/types';
import { formatDateTime } from '../lib/labels';

/** Said beside every field that came from the approved target and cannot be changed. */
export const LOCKED_HINT = '取自已批准的绩效目标，不可修改';

type Ui = Record<string, unknown>;

function child(node: Ui, key: string): Ui {
  const next = node[key];
  const copy: Ui = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Ui) } : {};
  node[key] = copy;
  return copy;
}

/**
 * The uiSchema with every locked field of a linked submission read-only (with a hint), and the locked tables
 * fixed: no rows added, removed or moved. `lockedPaths` are JSON Pointers with `*` for every row.
 */
export function lockUiSchema<T extends Ui>(uiSchema: T, lockedPaths: readonly string[] | undefined): T {
  if (!lockedPaths?.length) return uiSchema;
  const root: Ui = { ...uiSchema };
  const starred = new Set(lockedPaths.filter((p) => p.includes('/*')).map((p) => p.slice(0, p.indexOf('/*'))));
  for (const path of lockedPaths) {
    const segments = path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = root;
    for (const seg of segments) node = seg === '*' ? child(node, 'items') : child(node, seg);
    if (starred.has(path)) {
      // The table itself: its rows are the target's.
      node['ui:options'] = {
        ...(node['ui:options'] as Ui),
        addable: false,
        removable: false,
        orderable: false,
        fixedRows: true,
      };
      continue;
    }
    node['ui:readonly'] = true;
    const help = typeof node['ui:help'] === 'string' ? (node['ui:help'] as string) : '';
    if (!path.includes('/*')) node['ui:help'] = help ? `${LOCKED_HINT}。${help}` : LOCKED_HINT;
  }
  return root as T;
}

/** 暂停拨付 tag (lists, headers); the reason on hover. */
export function PaymentHoldTag({ hold }: { hold?: PaymentHold | null }) {
  if (!hold?.active) return null;
  return (
    <Tooltip title={hold.reason}>
      <Tag color="error" data-testid="payment-hold">
        暂停拨付
      </Tag>
    </Tooltip>
  );
}

/** The payment hold said in full on a document (review page, fill page). */
export function PaymentHoldNotice({ hold }: { hold?: PaymentHold | null }) {
  if (!hold?.active) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="payment-hold-notice"
      title="国库股已暂停拨付该项目资金"
      description={`原因：${hold.reason}（${hold.by.name}，${formatDateTime(hold.at)}）`}
    />
  );
}

/** Which approved target a self-evaluation or monitoring report reports on, or that it has none. */
export function SourceTag({ source, linkable }: { source?: SubmissionSource | null; linkable: boolean }) {
  if (source) {
    return (
      <Tag color="blue" data-testid="source-tag">
        关联目标：<Link to={`/submissions/${encodeURIComponent(source.submissionId)}`}>{source.title}</Link>
      </Tag>
    );
  }
  if (!linkable) return null;
  return (
    <Tooltip title="未从已批准的绩效目标开始：目标内容由单位按批复填写">
      <Tag data-testid="source-tag">未关联目标</Tag>
    </Tooltip>
  );
}
