import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import FormFieldHarness from '../../test/FormFieldHarness.svelte';

const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '');

describe('FormField', () => {
  it('labels its control and passes what is typed through', async () => {
    const user = userEvent.setup();
    render(FormFieldHarness);
    const input = screen.getByLabelText('Licence number');
    expect(input).toBe(screen.getByTestId('control'));
    await user.type(input, 'SW-991');
    expect(screen.getByTestId('echo').textContent).toBe('SW-991');
    // Nothing to describe, nothing wrong.
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('describes the control with its hint', () => {
    render(FormFieldHarness, { hint: 'As on the certificate.' });
    const input = screen.getByLabelText('Licence number');
    const ids = describedBy(input);
    expect(ids).toHaveLength(1);
    expect(document.getElementById(ids[0])?.textContent).toBe('As on the certificate.');
  });

  it('marks the control invalid and describes it with the problem first, then the hint', () => {
    render(FormFieldHarness, {
      hint: 'As on the certificate.',
      problem: { code: 'invalid_input', message: 'The licence number is too long.' },
    });
    const input = screen.getByLabelText('Licence number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const texts = describedBy(input).map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['The licence number is too long.', 'As on the certificate.']);
    expect(screen.getByRole('alert').textContent).toBe('The licence number is too long.');
  });

  it('says when a field is required, to the eye and to assistive technology', () => {
    render(FormFieldHarness, { required: true, id: 'licence' });
    const input = screen.getByLabelText(/Licence number/);
    expect(input.id).toBe('licence');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(screen.getByText('(required)')).toBeTruthy();
  });
});
