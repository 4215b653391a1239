import { Alert, App, Checkbox, Empty, Modal, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client';
import './scope-import.css';
import { mergeScopeRows, type ScopeRow, type ScopeSource, sameObject } from './scope-rows';

const LIGHTS: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const STATUS: Record<string, string> = { in_review: '审核中', approved: '已批准' };

/** What a clerk reads of a monitoring report before importing it. */
function describe(item: ScopeSource): string {
  const r = item.row;
  return [
    r.unitName,
    r.amount ? `调整后预算 ${r.amount} 万元` : '',
    typeof r.executionRate === 'number' ? `执行率 ${r.executionRate}%` : '',
    LIGHTS[String(r.overallLight)] ?? '',
    STATUS[item.status] ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * 「从监控表导入」: the 财政重点监控 monitoring reports of the year and cutoff month, each with a box to tick (those
 * already in the table are shown ticked and fixed); 导入 hands back the table with the ticked ones appended.
 */
export default function ScopeImportModal(props: {
  fiscalYear: unknown;
  cutoffMonth: unknown;
  current: ScopeRow[];
  /** The table's most rows (its maxItems): what does not fit is left out, and the clerk is told. */
  limit?: number;
  /** The table with the ticked reports appended (mergeScopeRows). */
  onImport: (rows: ScopeRow[]) => void;
  onCancel: () => void;
}) {
  const { fiscalYear, cutoffMonth, limit, onImport, onCancel } = props;
  // The table as it was when the dialog opened: what is already in it stays ticked and fixed.
  const [current] = useState(props.current);
  // Both typed: the server checks their range (a 422 here shows its message).
  const ready = typeof fiscalYear === 'number' && typeof cutoffMonth === 'number';
  const [list, setList] = useState<{ items: ScopeSource[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Reports the clerk unticked; every other new report is imported. */
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const { message } = App.useApp();

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    api<{ items: ScopeSource[]; truncated: boolean }>(
      'GET',
      `/api/key-monitoring/scope?fiscalYear=${fiscalYear}&cutoffMonth=${cutoffMonth}`,
    )
      .then((r) => !cancelled && setList(r))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [ready, fiscalYear, cutoffMonth]);

  const present = useMemo(
    () =>
      new Set(
        (list?.items ?? []).filter((i) => current.some((row) => sameObject(row, i.row))).map((i) => i.submissionId),
      ),
    [list, current],
  );
  const items = list?.items ?? [];
  const chosen = items.filter((i) => !present.has(i.submissionId) && !unticked.has(i.submissionId));
  // The table as 导入 would leave it: what the button counts, what the warning says, and what is handed back.
  const merged = mergeScopeRows(
    current,
    chosen.map((i) => i.row),
    limit,
  );
  const importChosen = () => {
    onImport(merged.rows);
    if (merged.left)
      message.warning(`已导入 ${merged.added} 个监控对象，表格已满 ${limit} 行，另有 ${merged.left} 个未导入`);
    else message.success(`已导入 ${merged.added} 个监控对象，请逐行核对`);
  };

  return (
    <Modal
      open
      title="从监控表导入监控对象"
      okText={merged.added ? `导入所选（${merged.added}）` : '导入所选'}
      okButtonProps={{ disabled: !merged.added }}
      cancelText="取消"
      onOk={importChosen}
      onCancel={onCancel}
      destroyOnHidden
    >
      {!ready ? (
        <Alert type="info" showIcon title="请先填写监控年度和监控截止月份，再导入该期的财政重点监控表。" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {`${fiscalYear}年1—${cutoffMonth}月的财政重点监控表（审核中或已批准）。导入后各行仍可修改。`}
          </Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {!list && !error ? <Spin /> : null}
          {list && !items.length ? <Empty description="该期暂无财政重点监控表" /> : null}
          {merged.left ? (
            <Alert
              type="warning"
              showIcon
              title={
                merged.added
                  ? `表格最多 ${limit} 行，还能导入 ${merged.added} 个：将按列表顺序导入所选的前 ${merged.added} 个，可取消勾选不需要的监控表。`
                  : `表格已满 ${limit} 行，无法再导入；请先删除不需要的行。`
              }
            />
          ) : null}
          {list?.truncated ? (
            <Alert type="warning" showIcon title="监控表较多，只列出了前 500 份；其余请逐行填写。" />
          ) : null}
          <div className="scope-import-list">
            {items.map((item) => (
              <Checkbox
                key={item.submissionId}
                data-source-id={item.submissionId}
                checked={!unticked.has(item.submissionId)}
                disabled={present.has(item.submissionId)}
                onChange={(e) =>
                  setUnticked((old) => {
                    const next = new Set(old);
                    if (e.target.checked) next.delete(item.submissionId);
                    else next.add(item.submissionId);
                    return next;
                  })
                }
              >
                <span className="scope-import-name">{String(item.row.objectName || item.title)}</span>
                <Typography.Text type="secondary" className="scope-import-meta">
                  {present.has(item.submissionId) ? `${describe(item)} · 已在表中` : describe(item)}
                </Typography.Text>
              </Checkbox>
            ))}
          </div>
        </>
      )}
    </Modal>
  );
}
