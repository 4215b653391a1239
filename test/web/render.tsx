import { render } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactElement } from 'react';

/** Renders inside the same antd providers as the app (Chinese locale, no space inserted in 2-char buttons). */
export function renderWithAntd(ui: ReactElement) {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <App>{ui}</App>
    </ConfigProvider>,
  );
}
