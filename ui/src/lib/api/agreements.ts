// Typed wrappers for the supervision agreement commands (docs/COMMANDS.md).
// Every rejection is an `AppError` (see `call`).

import { save } from '@tauri-apps/plugin-dialog';
import { call, toAppError } from './ipc';
import type {
  AcknowledgementInput,
  Agreement,
  AgreementContent,
  AgreementSummary,
  PartyDetails,
  ReviewDue,
} from '../bindings';
import type { Settings } from './preferences';

export const agreementStart = (personId: string): Promise<Agreement> =>
  call('agreement_start', { personId });

export const agreementUpdate = (id: string, content: AgreementContent): Promise<Agreement> =>
  call('agreement_update', { id, content });

export const agreementAcknowledge = (id: string, input: AcknowledgementInput): Promise<Agreement> =>
  call('agreement_acknowledge', { id, input });

export const agreementRevise = (id: string): Promise<Agreement> => call('agreement_revise', { id });

export const agreementDiscardDraft = (id: string): Promise<null> =>
  call('agreement_discard_draft', { id });

export const agreementGet = (id: string): Promise<Agreement> => call('agreement_get', { id });

/** The agreement in force with a person (latest acknowledged), if any. */
export const agreementCurrent = (personId: string): Promise<Agreement | null> =>
  call('agreement_current', { personId });

export const agreementList = (personId: string): Promise<AgreementSummary[]> =>
  call('agreement_list', { personId });

export const agreementsDueForReview = (withinDays: number): Promise<ReviewDue[]> =>
  call('agreements_due_for_review', { withinDays });

export const agreementSavePdf = (id: string, path: string): Promise<null> =>
  call('agreement_save_pdf', { id, path });

export const setProfile = (profile: PartyDetails): Promise<Settings> =>
  call('set_profile', { profile });

/** The file name offered when saving a version as PDF. */
export function pdfFileName(version: number): string {
  return `Supervision agreement v${version}.pdf`;
}

/** Asks where to save a version's PDF; `null` when the user cancelled. */
export async function chooseAgreementPdfPath(version: number): Promise<string | null> {
  try {
    return await save({
      title: 'Save the agreement as PDF',
      defaultPath: pdfFileName(version),
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
  } catch (reason) {
    throw toAppError(reason);
  }
}
