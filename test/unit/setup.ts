// Unit tests call forms/lib directly; the server loads the regex engine on demand (re2-regexp.ts), here once.
import { loadRe2 } from '../../forms/lib/re2-regexp';

await loadRe2();
