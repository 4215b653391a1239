import { Alert, Button } from 'antd';
import { itemSchema, propertySchema, type Schema, titleOf } from '../lib/schema';

interface PathMessage {
  path: string;
  message: string;
}

function segmentsOf(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** 「年度绩效指标 · 第1行 · 一级指标」 for `/annualIndicators/0/level1`, from the schema's titles. */
export function fieldLabel(schema: Schema, pointer: string): string {
  const parts: string[] = [];
  let node: Schema | undefined = schema;
  for (const seg of segmentsOf(pointer)) {
    if (/^\d+$/.test(seg) && node && (node.type === 'array' || node.items)) {
      parts.push(`第${Number(seg) + 1}行`);
      node = itemSchema(node, schema);
    } else {
      const next: Schema | undefined = node ? propertySchema(node, seg, schema) : undefined;
      parts.push(titleOf(next, seg));
      node = next;
    }
  }
  return parts.join(' · ');
}

/** The title of the field a pointer ends at (the column of a table cell). */
function lastTitle(schema: Schema, pointer: string): string | undefined {
  const parts = fieldLabel(schema, pointer).split(' · ');
  return parts[parts.length - 1] || undefined;
}

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), [role="combobox"], button';

/** The element showing the field at `pointer` (rjsf ids are `root_a_b`; table rows are labelled 「第N行 …」). */
export function fieldElement(pointer: string, doc: Document = document, label?: string): HTMLElement | null {
  const parts = segmentsOf(pointer);
  for (let n = parts.length; n >= 0; n--) {
    const id = ['root', ...parts.slice(0, n)].join('_');
    const found = doc.querySelector<HTMLElement>(`[data-field="${CSS.escape(id)}"]`) ?? doc.getElementById(id);
    if (!found) continue;
    const row = parts[n];
    if (row !== undefined && /^\d+$/.test(row)) {
      const prefix = `第${Number(row) + 1}行 `;
      const cell =
        (label ? found.querySelector<HTMLElement>(`[aria-label="${CSS.escape(prefix + label)}"]`) : null) ??
        found.querySelector<HTMLElement>(`[aria-label^="${prefix}"]`);
      if (cell) return cell;
    }
    return found;
  }
  return null;
}

/** Scrolls the field at `pointer` into view and puts the keyboard focus on it. */
export function goToField(pointer: string, schema?: Schema): void {
  const el = fieldElement(pointer, document, schema ? lastTitle(schema, pointer) : undefined);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const target = el.matches(FOCUSABLE) ? el : el.querySelector<HTMLElement>(FOCUSABLE);
  target?.focus({ preventScroll: true });
}

/** The errors in the order their fields appear on the page (top to bottom). */
function inPageOrder(errors: readonly PathMessage[]): PathMessage[] {
  if (typeof document === 'undefined') return [...errors];
  const placed = errors.map((e, i) => ({ e, i, el: fieldElement(e.path) }));
  placed.sort((a, b) => {
    if (a.el && b.el && a.el !== b.el) {
      const pos = a.el.compareDocumentPosition(b.el);
      if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
    }
    return a.i - b.i;
  });
  return placed.map((p) => p.e);
}

/** Every problem in one list, each a link to its field: nothing is only a count. */
export function ErrorSummary({ errors, schema }: { errors: readonly PathMessage[]; schema: Schema }) {
  if (!errors.length) return null;
  const listed = inPageOrder(errors);
  return (
    <Alert
      type="error"
      showIcon
      className="error-summary"
      style={{ marginBottom: 12 }}
      title={`还有 ${errors.length} 处需要修改后才能提交，点击可跳到对应位置：`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflowY: 'auto' }}>
          {listed.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => goToField(e.path, schema)}
              >
                {e.path && e.path !== '/' ? `${fieldLabel(schema, e.path)}：${e.message}` : e.message}
              </Button>
            </li>
          ))}
        </ul>
      }
    />
  );
}
