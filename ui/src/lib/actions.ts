/** `use:autofocus` (or `use:autofocus={condition}`): focuses the element once it is in the page. */
export function autofocus(node: HTMLElement, enabled = true): void {
  if (enabled) node.focus();
}
