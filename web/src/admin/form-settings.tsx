import { Descriptions, Empty, Typography } from 'antd';

interface SettingInfo {
  title?: string;
  description?: string;
}

function show(value: unknown): string {
  if (value === true) return '是';
  if (value === false) return '否';
  if (value === null || value === undefined) return '（未设置）';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The form's settings (`logic.settings`) under their Chinese names and explanations (`logic.settingsSchema`):
 * the thresholds and open questions an admin decides. Values are changed in the JSON tab (logic.settings).
 */
export function FormSettings({ logic }: { logic: Record<string, unknown> }) {
  const settings = (logic.settings ?? {}) as Record<string, unknown>;
  const info = ((logic.settingsSchema as { properties?: Record<string, SettingInfo> } | undefined)?.properties ??
    {}) as Record<string, SettingInfo>;
  const keys = Object.keys(settings);
  if (!keys.length) return <Empty description="此表单没有可调整的设置" />;
  return (
    <div data-testid="form-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        下列设置决定表单的校验和计算方式，其中注明「待确认」的须由业务部门确认后调整；修改请在 JSON 页的 logic.settings
        中进行，保存为新版本后生效。
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={keys.map((key) => ({
          key,
          label: info[key]?.title ?? key,
          children: (
            <div>
              <div>
                <Typography.Text strong>{show(settings[key])}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  （{key}）
                </Typography.Text>
              </div>
              {info[key]?.description ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {info[key].description}
                </Typography.Text>
              ) : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
