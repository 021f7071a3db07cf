// The scheduling and .ics commands, as generated from Rust's command list
// (commands.gen.ts): a renamed command or argument breaks the type check.
// The file dialogs open in Rust; no path crosses IPC.

export {
  schedulePreview,
  scheduleCreate,
  scheduleCreatePhased,
  scheduleSeriesGet,
  scheduleSeriesList,
  scheduleSeriesUpdate,
  scheduleSeriesDelete,
  scheduleOccurrences,
  scheduleUpcoming,
  scheduleMove,
  scheduleCancel,
  scheduleSetStatus,
  scheduleOccurrenceReset,
  scheduleEditFollowing,
  schedulePeople,
  scheduleDefaults,
  icsExportSave,
  icsImportPreview,
  icsImportCommit,
  type ImportFile,
} from './commands.gen';
