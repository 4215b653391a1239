/** Parts of the form designer's right-hand panel: the preview's error boundary and the JSON view. */
import { Alert, Input, Typography } from 'antd';
import { Component, type ReactNode, useEffect, useState } from 'react';
import { computeFields } from '../../../forms/lib/computed';
import type { FormLogic } from '../../../forms/lib/definitions';
import { evaluateExpression } from '../../../forms/lib/expressions';
import type { DesignField } from './design-model';

/** rjsf may throw on a half-edited schema: the preview says so instead of taking the page down. */
export class PreviewBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: string | null; key: string }
> {
  override state = { error: null as string | null, key: '' };
  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) return <Alert type="warning" showIcon title={`预览无法显示：${this.state.error}`} />;
    return this.props.children;
  }
}

export type DefinitionText = { schema: string; uiSchema: string; logic: string };

/** The definition as JSON text, editable: the designer follows every edit that parses. */
export function DefinitionJson(props: {
  json: DefinitionText;
  error: string | null;
  onChange(part: keyof DefinitionText, text: string): void;
}) {
  const { json, error: jsonError, onChange: onJson } = props;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        可直接修改 JSON，设计器随之更新（设计器不支持的关键字在下次由设计器修改时会被重写）。
      </Typography.Paragraph>
      {jsonError ? (
        <Alert data-testid="json-error" type="error" showIcon title={jsonError} style={{ marginBottom: 8 }} />
      ) : null}
      {(['schema', 'uiSchema', 'logic'] as const).map((part) => (
        <div key={part} style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            {part === 'schema' ? '表单结构 schema' : part === 'uiSchema' ? '界面 uiSchema' : '计算与规则 logic'}
          </Typography.Text>
          <Input.TextArea
            aria-label={`JSON ${part}`}
            value={json[part]}
            rows={part === 'schema' ? 14 : 7}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            onChange={(e) => onJson(part, e.target.value)}
          />
        </div>
      ))}
    </div>
  );
}

export type PreviewResult = { value?: unknown; error?: string };

/**
 * Computed fields in the preview: each field's expression evaluated on the sample data (its live result,
 * shown beside the field), and the sample recomputed as the fill page does.
 */
export function useComputedPreview(
  fields: DesignField[],
  sample: Record<string, unknown>,
  setSample: (data: Record<string, unknown>) => void,
  logic: FormLogic | undefined,
  baseLogic: Record<string, unknown>,
): Record<string, PreviewResult> {
  const [results, setResults] = useState<Record<string, PreviewResult>>({});
  useEffect(() => {
    let live = true;
    (async () => {
      const next: Record<string, PreviewResult> = {};
      for (const f of fields) {
        if (!f.expr?.trim()) continue;
        try {
          // Like the server: the input of a computed field is the whole form data.
          next[f.uid] = {
            value: await evaluateExpression(f.expr, sample, {
              bindings: { settings: (baseLogic.settings as object) ?? {}, root: sample },
            }),
          };
        } catch (e) {
          next[f.uid] = { error: e instanceof Error ? e.message : String(e) };
        }
      }
      if (live) setResults(next);
      const recomputed = await computeFields(logic, sample).catch(() => null);
      if (live && recomputed && recomputed.data !== sample) setSample(recomputed.data);
    })();
    return () => {
      live = false;
    };
  }, [fields, sample, setSample, logic, baseLogic]);
  return results;
}
