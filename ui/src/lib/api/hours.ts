// The hours book commands (ledger, manual entries, practice weeks, session
// adjustments, entry review, the supervisee's count, reconcile, sign-off),
// as generated from Rust's command list (commands.gen.ts): a renamed
// command or argument breaks the type check.

export {
  hoursBook,
  hoursManualCreate,
  hoursManualUpdate,
  hoursManualDelete,
  hoursPracticeCreate,
  hoursPracticeUpdate,
  hoursPracticeDelete,
  hoursAdjustSession,
  hoursRemoveAdjustment,
  hoursReturnEntry,
  hoursApproveEntry,
  hoursEnterTheirCounts,
  hoursReconcile,
  hoursAcceptDifference,
  hoursSignOff,
  hoursReopenSignOff,
  hoursAddSignOffAddendum,
} from './commands.gen';
