import type { SheetColumn, SheetData } from '../../core/ports';
import { zip } from './zip';

/**
 * A small .xlsx writer (SpreadsheetML in a stored ZIP): enough for exports, ~5 KB in the Lambda bundle
 * where exceljs would add ~1 MB. Text is always an inline string cell — never a formula — and text
 * that starts with = + - @ (or a tab / carriage return) also carries quotePrefix, so Excel keeps it
 * text even when the cell is edited. Money is a number with format 0.00, dates are real dates.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are dropped on purpose
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const esc = (s: string) =>
  s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const FORMULA_START = /^[=+\-@\t\r]/;

/** Style ids of cellXfs below. */
const STYLE = { text: 0, money: 1, date: 2, datetime: 3, header: 4, quoted: 5, number: 0 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const SHANGHAI_MS = 8 * 3600_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel serial day number of an ISO date or date-time, read in Asia/Shanghai (null when not a date). */
export function excelSerial(value: string, withTime: boolean): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return (Date.parse(`${value}T00:00:00Z`) - EXCEL_EPOCH_MS) / 86400_000;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const local = ms + SHANGHAI_MS;
  const days = (local - EXCEL_EPOCH_MS) / 86400_000;
  return withTime ? Math.round(days * 1440) / 1440 : Math.floor(days);
}

function cell(ref: string, value: string | number | null | undefined, col: SheetColumn): string {
  if (value === null || value === undefined || value === '') return '';
  if (col.type === 'money' || col.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isFinite(n) && String(value).trim() !== '') {
      const v = col.type === 'money' ? Math.round(n * 100) / 100 : n;
      return `<c r="${ref}"${col.type === 'money' ? ` s="${STYLE.money}"` : ''}><v>${v}</v></c>`;
    }
  }
  if ((col.type === 'date' || col.type === 'datetime') && typeof value === 'string') {
    const serial = excelSerial(value, col.type === 'datetime');
    if (serial !== null) return `<c r="${ref}" s="${STYLE[col.type]}"><v>${serial}</v></c>`;
  }
  const text = String(value);
  const style = FORMULA_START.test(text) ? ` s="${STYLE.quoted}"` : '';
  return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

function sheetXml(sheet: SheetData): string {
  const cols = sheet.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? Math.max(10, [...c.header].length * 2 + 2)}" customWidth="1"/>`,
    )
    .join('');
  const header = sheet.columns
    .map((c, i) => `<c r="${columnLetter(i)}1" t="inlineStr" s="${STYLE.header}"><is><t>${esc(c.header)}</t></is></c>`)
    .join('');
  const rows = sheet.rows
    .map((r, ri) => {
      const cells = sheet.columns.map((c, ci) => cell(`${columnLetter(ci)}${ri + 2}`, r[ci], c)).join('');
      return `<row r="${ri + 2}">${cells}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData><row r="1">${header}</row>${rows}</sheetData></worksheet>`;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetNames(sheets: SheetData[]): string[] {
  const used = new Set<string>();
  return sheets.map((s, i) => {
    let name = [...s.name.replace(/[[\]:*?/\\]/g, ' ').trim()].slice(0, 31).join('') || `Sheet${i + 1}`;
    if (used.has(name)) name = `${[...name].slice(0, 28).join('')}(${i + 1})`;
    used.add(name);
    return name;
  });
}

export function writeXlsx(sheets: SheetData[]): Uint8Array {
  const enc = new TextEncoder();
  const names = sheetNames(sheets);
  const files = [
    {
      name: '[Content_Types].xml',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
        .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', text: STYLES },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s) })),
  ];
  return zip(files.map((f) => ({ name: f.name, data: enc.encode(f.text) })));
}
