// A section loaded on first use: loading, shown, a failure said plainly and
// retried on the next open, and shown at once once loaded.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import LazyTarget from '../../test/LazyTarget.svelte';
import { lazy, type ComponentModule } from '../lazy';
import LazySection from './LazySection.svelte';

// As the Shell passes them: LazySection's generic props are inferred loosely by render().
type Module = ComponentModule<Record<string, any>>;

function deferred() {
  let resolve!: (m: Module) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<Module>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LazySection', () => {
  it('shows the section once its code has loaded, with its props, loading it once', async () => {
    const load = vi.fn(() => Promise.resolve({ default: LazyTarget } as unknown as Module));
    const section = lazy(load);
    expect(section.loaded).toBeUndefined();

    const first = render(LazySection, { props: { load: section, props: { greeting: 'Hello, Ama' } } });
    expect(screen.queryByTestId('lazy-target')).toBeNull();
    expect((await screen.findByTestId('lazy-target')).textContent).toBe('Hello, Ama');
    expect(section.loaded).toBe(LazyTarget);
    first.unmount();

    // Opened again: rendered at once, nothing loaded again.
    render(LazySection, { props: { load: section, props: { greeting: 'Hello again' } } });
    expect(screen.getByTestId('lazy-target').textContent).toBe('Hello again');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows a progress line while loading takes long', async () => {
    vi.useFakeTimers();
    const gate = deferred();
    const section = lazy(() => gate.promise);
    render(LazySection, { props: { load: section, props: { greeting: 'Hi' } } });
    expect(screen.queryByRole('status')).toBeNull();
    await vi.advanceTimersByTimeAsync(400);
    expect(screen.getByRole('status').textContent).toContain('Opening…');
    gate.resolve({ default: LazyTarget } as unknown as Module);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('lazy-target').textContent).toBe('Hi');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says plainly when the code could not be loaded, and tries again next time', async () => {
    const load = vi
      .fn<() => Promise<Module>>()
      .mockRejectedValueOnce(new Error('chunk missing'))
      .mockResolvedValueOnce({ default: LazyTarget } as unknown as Module);
    const section = lazy(load);

    const first = render(LazySection, { props: { load: section, props: { greeting: 'Hi' } } });
    const alert = await screen.findByTestId('section-load-failed');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('could not be opened (chunk missing)');
    expect(section.loaded).toBeUndefined();
    first.unmount();

    render(LazySection, { props: { load: section, props: { greeting: 'Hi' } } });
    expect((await screen.findByTestId('lazy-target')).textContent).toBe('Hi');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
