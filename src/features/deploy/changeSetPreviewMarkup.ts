// The change set preview's static page (no vscode import, so page tests in a plain browser use the same markup).
// Static: it never carries data; the stack name and rows arrive through messages and are inserted as text.

/** The view's stylesheets in media/, in cascade order. */
export const CHANGE_SET_PREVIEW_STYLESHEETS = ['documentPanel.css', 'changeSetPreview.css'] as const;

export const CHANGE_SET_PREVIEW_BODY =
  '<main id="root" aria-live="polite"><p class="muted">Loading the change set...</p></main>';
