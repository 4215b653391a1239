import type { Submission } from '../../core/model';

/**
 * Every attribute of a submission item but the form data and its computed values, checked against the model at
 * compile time: a new attribute of `Submission` fails the build until it is listed here (a list would otherwise
 * drop it silently).
 */
const SUMMARY_ATTRIBUTES = Object.keys({
  id: true,
  formId: true,
  formVersion: true,
  chainId: true,
  chainVersion: true,
  title: true,
  unitId: true,
  createdBy: true,
  dataEditorIds: true,
  status: true,
  workflow: true,
  managingUnitId: true,
  version: true,
  everSubmitted: true,
  viewerUnitIds: true,
  historyCount: true,
  outcomes: true,
  flags: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  campaignId: true,
  source: true,
  paymentHold: true,
  subjectUnitId: true,
  evaluation: true,
  publications: true,
} satisfies Record<Exclude<keyof Submission, 'data' | 'computed'>, true>);

export interface Projection {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
}

/**
 * The projection of a submission's summary: its keys, every attribute but `data` and `computed`, and the given paths
 * of `data` (each name by placeholder: many are DynamoDB reserved words).
 */
export function summaryProjection(dataPaths: readonly (readonly string[])[]): Projection {
  const names = new Map<string, string>();
  const ref = (name: string) => {
    let placeholder = names.get(name);
    if (!placeholder) {
      placeholder = `#p${names.size}`;
      names.set(name, placeholder);
    }
    return placeholder;
  };
  const paths = [
    ...['PK', 'SK', ...SUMMARY_ATTRIBUTES].map(ref),
    ...dataPaths.map((path) => ['data', ...path].map(ref).join('.')),
  ];
  return {
    ProjectionExpression: paths.join(', '),
    ExpressionAttributeNames: Object.fromEntries([...names].map(([name, placeholder]) => [placeholder, name])),
  };
}

/** A projected item as a submission: the data paths it holds, nothing computed. */
export function summaryOf(item: Record<string, unknown>): Record<string, unknown> {
  return { ...item, data: (item.data as Record<string, unknown> | undefined) ?? {}, computed: {} };
}
