import type { FileTypeInspector } from '../../core/ports-attachments';

const ZIP_LOCAL_HEADER = 0x04034b50;

/**
 * An OFD (GB/T 33190, the Chinese fixed-layout format of official documents) is a ZIP whose root holds
 * `OFD.xml`; file-type reports it as a plain zip. Walks the local file headers present in `head`.
 */
export function isOfd(head: Uint8Array): boolean {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  for (let entries = 0; entries < 50 && at + 30 <= head.byteLength; entries++) {
    if (view.getUint32(at, true) !== ZIP_LOCAL_HEADER) return false;
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    if (at + 30 + nameLength > head.byteLength) return false;
    const name = new TextDecoder().decode(head.subarray(at + 30, at + 30 + nameLength));
    if (name === 'OFD.xml') return true;
    // A data descriptor (bit 3) leaves the size unknown here: stop rather than guess.
    if (flags & 0x08) return false;
    at += 30 + nameLength + extraLength + compressed;
  }
  return false;
}

/** Type from the magic bytes with `file-type` (loaded on first use, so it stays out of every cold start). */
export function createFileTypeInspector(): FileTypeInspector {
  return {
    async detect(head) {
      const { fileTypeFromBuffer } = await import('file-type');
      const found = await fileTypeFromBuffer(head);
      if (found?.ext === 'zip' && isOfd(head)) return { ext: 'ofd', mime: 'application/ofd' };
      return found ? { ext: found.ext, mime: found.mime } : undefined;
    },
  };
}
