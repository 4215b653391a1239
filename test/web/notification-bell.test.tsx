import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import NotificationBell from '../../web/src/notifications/notification-bell';
import { renderWithAntd } from './render';

interface Stored {
  id: string;
  type: string;
  title: string;
  message: string;
  at: string;
  read: boolean;
  link: string;
}

/** A tiny in-memory notification API behind `fetch`, recording every call. */
function fakeServer(items: Stored[]) {
  const calls: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url.pathname}`);
    if (url.pathname === '/api/notifications/unread-count')
      return json({ unread: items.filter((n) => !n.read).length });
    if (url.pathname === '/api/notifications' && method === 'GET') return json({ items, cursor: null });
    const read = /^\/api\/notifications\/([^/]+)\/read$/.exec(url.pathname);
    if (read && method === 'POST') {
      const n = items.find((x) => x.id === decodeURIComponent(read[1]));
      if (!n) return json({ error: { code: 'not_found', message: '通知不存在' } }, 404);
      n.read = true;
      return json({});
    }
    if (url.pathname === '/api/notifications/read-all' && method === 'POST') {
      for (const n of items) n.read = true;
      return json({});
    }
    return json({ error: { code: 'not_found', message: '不存在' } }, 404);
  });
  return { calls, fetchMock };
}

function Where() {
  return <div data-testid="where">{useLocation().pathname}</div>;
}

function renderBell() {
  return renderWithAntd(
    <MemoryRouter initialEntries={['/']}>
      <NotificationBell />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

const bell = () => screen.getByTestId('notification-bell');

describe('notification bell', () => {
  let items: Stored[];
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    items = [
      {
        id: 'n1',
        type: 'campaign_reminder',
        title: '催报：2025年度项目支出绩效自评',
        message: '请于3月31日前提交。',
        at: '2026-03-25T02:00:00.000Z',
        read: false,
        link: '/campaigns/c1',
      },
      {
        id: 'n2',
        type: 'campaign_deadline',
        title: '即将到期：2025年度部门整体支出绩效自评',
        message: '还有3个工作日截止。',
        at: '2026-03-24T02:00:00.000Z',
        read: false,
        link: '/campaigns/c2',
      },
      {
        id: 'n3',
        type: 'campaign_reminder',
        title: '旧消息',
        message: '',
        at: '2026-03-01T02:00:00.000Z',
        read: true,
        link: 'https://evil.example/',
      },
    ];
    server = fakeServer(items);
    vi.stubGlobal('fetch', server.fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the unread count from the server', async () => {
    renderBell();
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('消息通知，2 条未读'));
    expect(document.querySelector('.ant-badge-count')?.textContent).toContain('2');
  });

  it('lists the notifications, marks one read and lowers the count', async () => {
    renderBell();
    await waitFor(() => expect(bell().getAttribute('aria-label')).toContain('2 条'));
    fireEvent.click(bell());
    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('催报：2025年度项目支出绩效自评');
    expect(within(drawer).getByText('2 条未读')).toBeTruthy();
    const first = drawer.querySelector('[data-notification-id="n1"]') as HTMLElement;
    fireEvent.click(within(first).getByText('标为已读'));
    await waitFor(() => expect(server.calls).toContain('POST /api/notifications/n1/read'));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('消息通知，1 条未读'));
    expect(within(drawer).getByText('1 条未读')).toBeTruthy();
  });

  it('opens the linked page on a click and marks it read; a link off the site is not followed', async () => {
    renderBell();
    fireEvent.click(bell());
    const drawer = await screen.findByRole('dialog');
    fireEvent.click(await within(drawer).findByText('即将到期：2025年度部门整体支出绩效自评'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/campaigns/c2'));
    expect(server.calls).toContain('POST /api/notifications/n2/read');
    expect(items.find((n) => n.id === 'n2')?.read).toBe(true);
    // The foreign link is shown as plain text, not as a link.
    fireEvent.click(bell());
    const again = await screen.findByRole('dialog');
    const old = await within(again).findByText('旧消息');
    expect(old.closest('a')).toBeNull();
  });

  it('marks everything read at once', async () => {
    renderBell();
    fireEvent.click(bell());
    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('2 条未读');
    fireEvent.click(within(drawer).getByText('全部标为已读'));
    await within(drawer).findByText('没有未读消息');
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('消息通知'));
    expect(items.every((n) => n.read)).toBe(true);
  });
});
