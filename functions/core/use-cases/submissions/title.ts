/** A readable title for lists and tasks, taken from the usual name fields of the forms. */
export function deriveTitle(formTitle: string, data: Record<string, unknown>): string {
  const basic = (data.basicInfo ?? {}) as Record<string, unknown>;
  const dept = (data.dept ?? data.competentDept ?? {}) as Record<string, unknown>;
  const object = (data.object ?? {}) as Record<string, unknown>;
  const name = [data.projectName, basic.projectName, data.title, object.objectName].find(
    (v) => typeof v === 'string' && v.trim(),
  );
  const year = typeof data.fiscalYear === 'number' ? `${data.fiscalYear}年 ` : '';
  if (typeof name === 'string') return name.trim().slice(0, 100);
  if (typeof dept.name === 'string' && dept.name.trim()) return `${year}${dept.name.trim()} ${formTitle}`.slice(0, 100);
  return `${year}${formTitle}`;
}
