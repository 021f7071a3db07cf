//! The save dialog of the verification letter (see `dialogs.rs` for how
//! dialogs are opened from Rust).

use chrono::Utc;
use confidant_core::evaluations::Evaluations;
use confidant_core::{AppError, Error};

use crate::dialogs::{choose, Dialog, PDF_FILTER};
use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

/// The file name offered for a verification letter: the ending date, no name.
pub fn letter_file_name(end_date: chrono::NaiveDate) -> String {
    format!(
        "Verification of supervision hours {}.pdf",
        end_date.format("%Y-%m-%d")
    )
}

/// Asks where to save the verification letter of `person_id` and saves it there.
pub async fn ending_save_letter(
    app: tauri::AppHandle,
    state: &AppState,
    person_id: String,
) -> Reply<bool> {
    // Fails before any dialog when locked, for an unknown person, when the
    // ending is not confirmed or the supervisor's name is not set.
    let ending = state
        .with(|v| Evaluations::of(v).ending(&person_id))?
        .ok_or_else(|| {
            AppError::from(Error::InvalidInput(
                "Confirm the ending first: the letter covers supervision up to the ending date."
                    .into(),
            ))
        })?;
    state.with(|v| Evaluations::of(v).letter_pdf(&person_id, Utc::now()))?;
    let file_name = letter_file_name(ending.input.end_date);
    let title = "Save the verification letter as PDF";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, PDF_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| Evaluations::of(v).save_letter(&person_id, &path, Utc::now()))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_file_name_carries_the_date_and_no_name() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(
            letter_file_name(d),
            "Verification of supervision hours 2026-11-30.pdf"
        );
    }
}
