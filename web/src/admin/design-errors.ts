import type { DesignField } from './design-model';
import type { SaveProblem } from './server-errors';

/** The server's 422 details of a form definition, attached to designer fields where the path says which. */
export function mapServerErrors(problem: SaveProblem | null, fields: DesignField[]) {
  const byUid: Record<string, string[]> = {};
  const general: string[] = [];
  for (const d of problem?.details ?? []) {
    let uid: string | undefined;
    const computedAt = /^\/logic\/computed\/(\d+)/.exec(d.path);
    if (computedAt) {
      const withExpr = fields.filter((f) => f.type !== 'section' && f.expr?.trim());
      uid = withExpr[Number(computedAt[1])]?.uid;
    } else {
      const m = /^\/schema\/properties\/([^/]+)(?:\/properties\/([^/]+))?/.exec(d.path);
      if (m) {
        const [_, first, second] = m;
        let section: string | null = null;
        for (const f of fields) {
          if (f.type === 'section') section = f.key;
          const inSection = f.type === 'section' ? null : section;
          if (
            second
              ? inSection === first && f.key === second
              : f.type === 'section'
                ? f.key === first
                : !inSection && f.key === first
          )
            uid = f.uid;
        }
      }
    }
    if (uid) byUid[uid] = [...(byUid[uid] ?? []), d.message];
    else general.push(`${d.path || '/'}：${d.message}`);
  }
  return { byUid, general };
}
