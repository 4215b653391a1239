import { render } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ReactElement, type ReactNode, useContext, useMemo } from 'react';

/** Renders inside the same antd providers as the app (Chinese locale, no space inserted in 2-char buttons). */
export function renderWithAntd(ui: ReactElement) {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <App>{ui}</App>
    </ConfigProvider>,
  );
}

/**
 * Passes antd's configuration on, counting in `counts[suffix]` each getPrefixCls(suffix) asked for the suffixes
 * given: every antd component asks for its class prefix when it renders (Form.Item 'form', Button 'btn').
 */
export function CountingConfig({ counts, children }: { counts: Record<string, number>; children: ReactNode }) {
  const outer = useContext(ConfigProvider.ConfigContext);
  const value = useMemo(
    () => ({
      ...outer,
      getPrefixCls: (suffix?: string, custom?: string) => {
        if (suffix !== undefined && suffix in counts) counts[suffix] += 1;
        return outer.getPrefixCls(suffix, custom);
      },
    }),
    [outer, counts],
  );
  return <ConfigProvider.ConfigContext.Provider value={value}>{children}</ConfigProvider.ConfigContext.Provider>;
}
