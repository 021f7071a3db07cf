// Driving a CodeMirror editor in jsdom: read, replace, append and select its
// text through the editor's own view (jsdom has no layout for typing).

import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

function viewOf(content: HTMLElement): EditorView {
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('not a CodeMirror editor');
  return view;
}

/** The editor's text. */
export function cmText(content: HTMLElement): string {
  return viewOf(content).state.doc.toString();
}

/** Replaces the editor's text, as typing would (one undoable change). */
export function cmSet(content: HTMLElement, text: string): void {
  const view = viewOf(content);
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    userEvent: 'input.type',
  });
}

/** Appends text at the end. */
export function cmType(content: HTMLElement, text: string): void {
  const view = viewOf(content);
  const end = view.state.doc.length;
  view.dispatch({ changes: { from: end, insert: text }, userEvent: 'input.type' });
}

/** Selects `from`..`to`. */
export function cmSelect(content: HTMLElement, from: number, to: number): void {
  viewOf(content).dispatch({ selection: EditorSelection.single(from, to) });
}

/** jsdom lacks layout: give CodeMirror empty rectangles to measure. */
export function polyfillLayout(): void {
  const empty = () => {
    const list = [] as unknown as DOMRectList;
    Object.assign(list, { item: () => null });
    return list;
  };
  const rect = () => new DOMRect(0, 0, 0, 0);
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = empty;
  if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = rect;
}
