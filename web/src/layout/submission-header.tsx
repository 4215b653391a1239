import { Button, Space, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';
import type { Submission } from '../api/types';
import { ExcelButton } from '../lib/excel-button';
import { STATUS_COLORS, STATUS_LABELS, STATUS_TEXT_STYLE } from '../lib/labels';
import { PaymentHoldTag } from '../monitoring/linked';
import { Panel } from './panel';

/** The card on top of the fill and review pages: title, status, what else the page says, 打印 and its actions. */
export function SubmissionHeader(props: {
  submission: Pick<Submission, 'id' | 'title' | 'status'> & Partial<Pick<Submission, 'paymentHold'>>;
  formTitle: string;
  /** Shown after the status (current step, save state, round …). */
  info?: ReactNode;
  /** Buttons after 打印. */
  actions?: ReactNode;
  style?: CSSProperties;
}) {
  const { submission, formTitle, info, actions, style } = props;
  return (
    <Panel style={{ marginBottom: 12, ...style }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {submission.title || formTitle}
          </Typography.Title>
          <Tag
            color={STATUS_COLORS[submission.status]}
            style={STATUS_TEXT_STYLE[submission.status]}
            data-testid="submission-status"
          >
            {STATUS_LABELS[submission.status]}
          </Tag>
          <PaymentHoldTag hold={submission.paymentHold} />
          {info}
        </Space>
        <Space>
          <Link to={`/submissions/${encodeURIComponent(submission.id)}/print`} target="_blank">
            <Button>打印</Button>
          </Link>
          <ExcelButton
            path={`/api/submissions/${encodeURIComponent(submission.id)}/export.xlsx`}
            fileName={`${submission.title || formTitle}.xlsx`}
          />
          {actions}
        </Space>
      </Space>
    </Panel>
  );
}
