import { unzip } from './zip';

/**
 * Reads the cells of an .xlsx as text (shared strings, inline strings, numbers, booleans): enough for
 * the 指标库 import template, whichever program (Excel, WPS, exceljs) saved it.
 */

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITY[e] ?? m;
  });
/** Concatenated <t> texts of a string item (plain or rich text runs; phonetic runs left out). */
const texts = (xml: string) =>
  [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)]
    .map((m) => decode(m[1] ?? ''))
    .join('');

function columnIndex(ref: string): number {
  const letters = /^([A-Z]+)/.exec(ref)?.[1] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): { name: string; rows: string[][] }[] {
  const files = unzip(bytes);
  const text = (name: string) => {
    const f = files.get(name);
    return f ? new TextDecoder().decode(f) : null;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new Error('not a workbook');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      /\bId="([^"]+)"/.exec(m[0])?.[1] ?? '',
      /\bTarget="([^"]+)"/.exec(m[0])?.[1] ?? '',
    ]),
  );
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const name = decode(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? '';
    const target = (targets.get(rid) ?? '').replace(/^\/?xl\//, '').replace(/^\//, '');
    const xml = text(`xl/${target}`) ?? '';
    const rows: string[][] = [];
    for (const row of xml.matchAll(/<row\b([^>]*?)\/>|<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
      const rowNum = Number(/\br="(\d+)"/.exec(row[1] ?? row[2] ?? '')?.[1] ?? rows.length + 1);
      const cells: string[] = [];
      for (const c of (row[3] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1];
        const body = c[2] ?? '';
        const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
        const idx = ref ? columnIndex(ref) : cells.length;
        const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value = '';
        if (type === 's') value = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') value = texts(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
        else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else value = decode(v ?? '');
        while (cells.length < idx) cells.push('');
        cells[idx] = value;
      }
      while (rows.length < rowNum - 1) rows.push([]);
      rows[rowNum - 1] = cells;
    }
    return { name, rows };
  });
}
