// Code split by section: a loader that fetches a component's chunk once.
import type { Component } from 'svelte';

/** What a dynamic `import('./X.svelte')` resolves to (`any` as in Svelte's own `Component` type: a props interface has no index signature). */
export interface ComponentModule<P extends Record<string, any>> {
  default: Component<P>;
}

/** A component loaded on first use: call it to load; `loaded` once it has. */
export interface Lazy<P extends Record<string, any>> {
  (): Promise<ComponentModule<P>>;
  /** The component, once a load has finished (then it renders at once). */
  readonly loaded: Component<P> | undefined;
}

/**
 * Wraps a dynamic import so that it runs on the first call only and every
 * later call gets the same promise (the section's chunk is fetched and run
 * once). A failed load is forgotten, so opening the section again retries.
 */
export function lazy<P extends Record<string, any>>(load: () => Promise<ComponentModule<P>>): Lazy<P> {
  let pending: Promise<ComponentModule<P>> | undefined;
  let loaded: Component<P> | undefined;
  const get = () => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (reason: unknown) => {
        pending = undefined;
        throw reason;
      },
    );
    return pending;
  };
  return Object.defineProperty(get, 'loaded', { get: () => loaded }) as Lazy<P>;
}
