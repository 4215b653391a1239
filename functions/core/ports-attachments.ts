/** Evidence files (attachments): the record, where the bytes live, and how their type is told from the bytes. */

export type AttachmentStatus = 'pending' | 'complete';

export interface Attachment {
  id: string;
  /** The file name the user chose (display and download name only; never a path). */
  name: string;
  /** Declared size at creation; the stored size after completion. */
  size: number;
  /** Declared type at creation; the type told from the bytes after completion. */
  contentType: string;
  status: AttachmentStatus;
  sha256?: string;
  unitId: string;
  uploadedBy: string;
  uploadedAt: string;
  completedAt?: string;
  /** The submission it belongs to: given at creation, or bound when a submission referencing it is submitted. */
  submissionId?: string;
  /** Set when a submitted submission references it: kept for good, never replaced. */
  pinnedAt?: string;
  /** Review round (1 = first submission) in which it was pinned. */
  pinnedRound?: number;
  /** Object key in the file store. */
  storageKey: string;
}

export interface AttachmentRepository {
  get(id: string): Promise<Attachment | null>;
  getMany(ids: string[]): Promise<Attachment[]>;
  /** A new pending record, listed among the orphans until pinned. */
  create(att: Attachment, expiresAt: number): Promise<void>;
  /** Marks it complete (conditioned on pending); ConflictError otherwise. */
  complete(att: Attachment): Promise<void>;
  /** Binds and pins it to a submission (conditioned on unbound or bound to that submission, and complete). */
  pin(att: Attachment): Promise<void>;
  /** Orphans (never pinned) created before `before`, oldest first, at most `limit`. */
  orphansBefore(before: string, limit: number): Promise<Attachment[]>;
  /** Pinned attachments of a submission. */
  listPinned(submissionId: string): Promise<Attachment[]>;
  remove(id: string): Promise<void>;
}

/** How the browser sends the bytes: a PUT to this server, or a presigned POST form to S3. */
export interface UploadTarget {
  method: 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  fields?: Record<string, string>;
}

/** What the API answers for a download: bytes to stream, or a short-lived URL to redirect to. */
export type Download =
  | { kind: 'stream'; body: ReadableStream<Uint8Array>; size: number }
  | { kind: 'redirect'; url: string };

export interface FileStore {
  /** Where to send the bytes of `key` (at most maxBytes, within expiresInSeconds). */
  uploadTarget(
    key: string,
    limits: { maxBytes: number; contentType: string; expiresInSeconds: number },
  ): Promise<UploadTarget>;
  /** Size of the stored object, null when nothing was stored. */
  size(key: string): Promise<number | null>;
  /** The first `bytes` bytes (for telling the type). */
  head(key: string, bytes: number): Promise<Uint8Array>;
  /** sha256 (hex) of the stored bytes, read as a stream. */
  sha256(key: string): Promise<string>;
  download(key: string, as: { name: string; contentType: string }): Promise<Download>;
  /** Copies the object (out of the orphan area, whose objects expire after a day). */
  copy(from: string, to: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * Receives an upload sent to this server (local mode only): checks the signed token and writes the stream,
   * refusing more than the token's byte limit. Absent when the bytes go elsewhere (S3).
   */
  receive?(token: string, body: ReadableStream<Uint8Array>): Promise<{ key: string; size: number }>;
}

/** Tells the type of a file from its first bytes; undefined when it cannot. */
export interface FileTypeInspector {
  detect(head: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}

/** Object keys: orphans under `incoming/` (expire after a day), pinned files under `files/`. */
export const ATTACHMENT_PREFIX = { incoming: 'incoming/', pinned: 'files/' } as const;

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987
 * `filename*`: always a download, never shown inline.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\;%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
