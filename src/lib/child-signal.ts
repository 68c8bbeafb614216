/**
 * A controller of its own whose signal also aborts, with the same reason, when `parent` does (at
 * once if it already has): for a part of a request that can be stopped alone, such as one statement
 * under a time limit or one attempt of work that gives way. `release` stops following `parent`.
 */
export function childController(parent: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return { controller, release: () => parent.removeEventListener('abort', follow) };
}
