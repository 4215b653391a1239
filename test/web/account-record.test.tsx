import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminUser } from '../../web/src/admin/admin-api';
import { AccountRecord } from '../../web/src/admin/totp-reset';
import { formatDateTime } from '../../web/src/lib/labels';
import { renderWithAntd } from './render';

/** 用户与角色 → 操作记录: which administrator reset an account's 动态验证码, and when. */
const user = { id: 'u-2', username: 'admin2', name: '李四', unitId: 'jxpj', roles: ['admin'] } as unknown as AdminUser;

function serve(answer: () => Response) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      calls.push(new URL(String(input), 'http://localhost').pathname);
      return answer();
    }),
  );
  return calls;
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function open() {
  renderWithAntd(<AccountRecord user={user} />);
  fireEvent.click(screen.getByRole('button', { name: '操作记录' }));
  return within(await screen.findByRole('dialog', { name: '李四 的账户操作记录' }));
}

afterEach(() => vi.unstubAllGlobals());

describe('account record', () => {
  it('lists who reset the 动态验证码 and when, newest first, from the account it was opened for', async () => {
    const calls = serve(() =>
      json({
        items: [
          { id: 'e2', type: 'totpReset', actorId: 'a1', actorName: '系统管理员', at: '2026-11-30T02:05:00.000Z' },
          { id: 'e1', type: 'totpReset', actorId: 'a3', actorName: '王五', at: '2026-10-08T09:00:00.000Z' },
        ],
      }),
    );
    const dialog = await open();
    const rows = await dialog.findAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      `${formatDateTime('2026-11-30T02:05:00.000Z')}　系统管理员　重置了动态验证码`,
      `${formatDateTime('2026-10-08T09:00:00.000Z')}　王五　重置了动态验证码`,
    ]);
    expect(calls).toEqual(['/api/admin/users/u-2/audit']);
  });

  it('says so when nobody has changed the account', async () => {
    serve(() => json({ items: [] }));
    const dialog = await open();
    await dialog.findByText('暂无管理员对该账户的操作记录');
  });

  it("shows the server's refusal in Chinese instead of an empty list", async () => {
    serve(() => json({ error: { code: 'FORBIDDEN', message: '需要管理员权限' } }, 403));
    const dialog = await open();
    await waitFor(() => expect(dialog.getByRole('alert').textContent).toContain('需要管理员权限'));
    expect(dialog.queryByText('暂无管理员对该账户的操作记录')).toBeNull();
  });
});
