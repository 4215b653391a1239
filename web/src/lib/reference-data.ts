import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { FormSummary, ListPage, Unit } from '../api/types';

let formsPromise: Promise<FormSummary[]> | null = null;
let unitsPromise: Promise<Unit[]> | null = null;

/** Published forms (cached for the page's lifetime; they change only when an admin publishes). */
export function loadForms(): Promise<FormSummary[]> {
  formsPromise ??= api<ListPage<FormSummary>>('GET', '/api/forms')
    .then((r) => r.items)
    .catch((e) => {
      formsPromise = null;
      throw e;
    });
  return formsPromise;
}

export function loadUnits(): Promise<Unit[]> {
  unitsPromise ??= api<ListPage<Unit>>('GET', '/api/units')
    .then((r) => r.items)
    .catch((e) => {
      unitsPromise = null;
      throw e;
    });
  return unitsPromise;
}

export function useForms(): FormSummary[] {
  const [forms, setForms] = useState<FormSummary[]>([]);
  useEffect(() => {
    loadForms()
      .then(setForms)
      .catch(() => setForms([]));
  }, []);
  return forms;
}

export function useUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    loadUnits()
      .then(setUnits)
      .catch(() => setUnits([]));
  }, []);
  return units;
}

/** Name of a unit id (the given name first), for records that carry only ids. */
export function useUnitName(): (unitId: string | undefined, given?: string) => string {
  const units = useUnits();
  return (unitId, given) => given ?? units.find((u) => u.id === unitId)?.name ?? unitId ?? '';
}
