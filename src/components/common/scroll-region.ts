import type { Attachment } from 'svelte/attachments';

const CONTROL = 'a[href], button, input, select, textarea, [tabindex]';

/**
 * A scroll box that holds no control of its own takes keyboard focus itself, so it can be scrolled
 * with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable), and is named for the screen
 * reader that lands on it. Only while its content overflows: a table that fits adds no tab stop.
 */
export function scrollRegion(label: string): Attachment<HTMLElement> {
  return (box) => {
    const update = () => {
      const overflows = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
      if (overflows && !box.querySelector(CONTROL)) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', label);
      } else {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    };
    // New rows change what overflows without resizing a box already at its maximum height.
    const resized = new ResizeObserver(update);
    const changed = new MutationObserver(update);
    resized.observe(box);
    changed.observe(box, { childList: true, subtree: true, characterData: true });
    update();
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  };
}
