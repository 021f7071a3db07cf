// The sections other than Today, each its own chunk (Vite splits each dynamic
// import), loaded when first opened: the first screen waits only for the
// shell and Today, not for the journal's editor, the charts and the rest.
import { lazy } from './lazy';

export const sectionViews = {
  calendar: lazy(() => import('./views/Calendar.svelte')),
  people: lazy(() => import('./views/People.svelte')),
  journal: lazy(() => import('./views/Journal.svelte')),
  goals: lazy(() => import('./views/Goals.svelte')),
  hours: lazy(() => import('./views/Hours.svelte')),
  wellbeing: lazy(() => import('./views/Wellbeing.svelte')),
  search: lazy(() => import('./views/Search.svelte')),
  settings: lazy(() => import('./views/Settings.svelte')),
};

/**
 * What Today opens in place, also loaded when first opened: a record to
 * write and an agreement to review (their editors are most of Today's code,
 * and most starts open neither).
 */
export const todayEditors = {
  record: lazy(() => import('./views/RecordView.svelte')),
  agreement: lazy(() => import('./views/AgreementEditor.svelte')),
};

/**
 * Loads every section and Today's editors now. The app does not (a section's code is loaded when
 * it is opened, which keeps the idle memory of the page down); the UI tests
 * do, once per file, so that a section renders as soon as it is chosen.
 */
export function loadAllSections(): Promise<unknown> {
  return Promise.all([...Object.values(sectionViews), ...Object.values(todayEditors)].map((load) => load()));
}
