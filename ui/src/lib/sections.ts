export type SectionId =
  | 'today'
  | 'calendar'
  | 'people'
  | 'journal'
  | 'goals'
  | 'wellbeing'
  | 'hours'
  | 'search'
  | 'settings';

export interface Section {
  id: SectionId;
  label: string;
}

export const SECTIONS: readonly Section[] = [
  { id: 'today', label: 'Today' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'people', label: 'People' },
  { id: 'journal', label: 'Journal' },
  { id: 'goals', label: 'Goals' },
  { id: 'wellbeing', label: 'Wellbeing' },
  { id: 'hours', label: 'Hours' },
  { id: 'search', label: 'Search' },
  { id: 'settings', label: 'Settings' },
];
