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
 * Loads every section now. The app does not (a section's code is loaded when
 * it is opened, which keeps the idle memory of the page down); the UI tests
 * do, once per file, so that a section renders as soon as it is chosen.
 */
export function loadAllSections(): Promise<unknown> {
  return Promise.all(Object.values(sectionViews).map((load) => load()));
}
