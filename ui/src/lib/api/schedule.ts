// Typed wrappers for the scheduling and .ics commands (see docs/COMMANDS.md).
// Built on `call`, which normalises every rejection into an `AppError`.

import { open, save } from '@tauri-apps/plugin-dialog';
import { call, toAppError } from './ipc';
import type {
  CancelInput,
  ExportOptions,
  IcsExport,
  ImportCommit,
  ImportOptions,
  ImportPreview,
  ImportResult,
  Occurrence,
  OccurrenceChange,
  OccurrenceKey,
  OccurrenceList,
  PhasedCadence,
  ScheduleChange,
  Series,
  SeriesInput,
  SeriesList,
  SeriesPreview,
  SessionStatus,
  SessionTime,
} from '../bindings';

/** What a series would give in `from`..`to` (RFC 3339); nothing is written. */
export const schedulePreview = (input: SeriesInput, from: string, to: string): Promise<SeriesPreview> =>
  call('schedule_preview', { input, from, to });

export const scheduleCreate = (input: SeriesInput): Promise<ScheduleChange> =>
  call('schedule_create', { input });

export const scheduleCreatePhased = (
  input: SeriesInput,
  cadence: PhasedCadence,
): Promise<ScheduleChange> => call('schedule_create_phased', { input, cadence });

export const scheduleSeriesGet = (id: string): Promise<Series> => call('schedule_series_get', { id });

export const scheduleSeriesList = (personId: string | null): Promise<SeriesList> =>
  call('schedule_series_list', { personId });

export const scheduleSeriesUpdate = (id: string, input: SeriesInput): Promise<ScheduleChange> =>
  call('schedule_series_update', { id, input });

export const scheduleSeriesDelete = (id: string): Promise<null> =>
  call('schedule_series_delete', { id });

/** Sessions from `from` to `to` (RFC 3339, at most 400 days apart). */
export const scheduleOccurrences = (
  from: string,
  to: string,
  personId: string | null,
): Promise<OccurrenceList> => call('schedule_occurrences', { from, to, personId });

export const scheduleUpcoming = (count: number): Promise<Occurrence[]> =>
  call('schedule_upcoming', { count });

export const scheduleMove = (key: OccurrenceKey, to: SessionTime): Promise<OccurrenceChange> =>
  call('schedule_move', { key, to });

export const scheduleCancel = (key: OccurrenceKey, input: CancelInput): Promise<Occurrence> =>
  call('schedule_cancel', { key, input });

export const scheduleSetStatus = (key: OccurrenceKey, status: SessionStatus): Promise<Occurrence> =>
  call('schedule_set_status', { key, status });

export const scheduleOccurrenceReset = (key: OccurrenceKey): Promise<Occurrence> =>
  call('schedule_occurrence_reset', { key });

export const scheduleEditFollowing = (
  key: OccurrenceKey,
  input: SeriesInput,
): Promise<ScheduleChange> => call('schedule_edit_following', { key, input });

export const icsExportSave = (options: ExportOptions, path: string): Promise<IcsExport> =>
  call('ics_export_save', { options, path });

export const icsImportPreview = (path: string, options: ImportOptions): Promise<ImportPreview> =>
  call('ics_import_preview', { path, options });

export const icsImportCommit = (path: string, commit: ImportCommit): Promise<ImportResult> =>
  call('ics_import_commit', { path, commit });

export const ICS_FILE_NAME = 'Confidant sessions.ics';

const ICS_FILTER = [{ name: 'Calendar file', extensions: ['ics'] }];

/** Asks where to save the calendar; `null` when the user cancelled. */
export async function chooseIcsSavePath(): Promise<string | null> {
  try {
    return await save({ title: 'Export sessions', defaultPath: ICS_FILE_NAME, filters: ICS_FILTER });
  } catch (reason) {
    throw toAppError(reason);
  }
}

/** Asks which .ics file to import; `null` when the user cancelled. */
export async function chooseIcsOpenPath(): Promise<string | null> {
  try {
    const chosen = await open({
      title: 'Import sessions',
      multiple: false,
      directory: false,
      filters: ICS_FILTER,
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (reason) {
    throw toAppError(reason);
  }
}
