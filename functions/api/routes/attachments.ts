import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { attachmentDisposition } from '../../core/ports-attachments';
import {
  completeAttachment,
  createAttachment,
  downloadAttachment,
  loadVisibleAttachment,
  presentAttachment,
  receiveUpload,
} from '../../core/use-cases/attachments/attachments';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { jsonBody } from '../validated';

/** Evidence files: bytes never travel in JSON; the answer says where to send them. */
export function attachmentRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  type AttachmentInput = { name: string; size: number; contentType: string; submissionId?: string };
  app.post('/', jsonBody<AttachmentInput>(BODY.attachmentCreate), async (c) => {
    const body = c.req.valid('json');
    const { attachment, upload } = await createAttachment(deps, { actor: c.get('actor'), ...body });
    return c.json({ id: attachment.id, upload }, 201);
  });
  app.post('/:id/complete', async (c) => {
    const a = await completeAttachment(deps, { actor: c.get('actor'), id: c.req.param('id') });
    return c.json({ id: a.id, name: a.name, size: a.size, contentType: a.contentType, sha256: a.sha256 });
  });
  app.get('/:id', async (c) =>
    c.json(presentAttachment(await loadVisibleAttachment(deps, c.get('actor'), c.req.param('id')))),
  );
  app.get('/:id/content', async (c) => {
    const { attachment, download } = await downloadAttachment(deps, { actor: c.get('actor'), id: c.req.param('id') });
    c.header('Content-Disposition', attachmentDisposition(attachment.name));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (download.kind === 'redirect') return c.redirect(download.url, 302);
    c.header('Content-Type', attachment.contentType);
    c.header('Content-Length', String(download.size));
    return c.body(download.body, 200);
  });
  return app;
}

/**
 * PUT /api/uploads/:token — the local upload target. Registered before the JSON and bearer checks: the
 * short-lived signed token in the address is the authorization, and the byte limit is enforced on the stream.
 */
export function uploadRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.put('/:token', async (c) => {
    const r = await receiveUpload(deps, c.req.param('token'), c.req.raw.body);
    return c.json({ size: r.size });
  });
  return app;
}
