// A macrotask without setTimeout's 4 ms clamp on nested timers (HTML timers, step 5): a worker
// that works in small steps (an epoch, a warm-up epoch) would otherwise wait ~4 ms between
// them. Messages already queued still get their turn between two steps.

/**
 * Returns schedule(): asks for one call of `step` in a later macrotask; calls made while one is
 * pending are folded into it.
 * @param {() => void} step
 */
export function taskScheduler(step) {
  const channel = new MessageChannel();
  let pending = false;
  channel.port1.onmessage = () => {
    pending = false;
    step();
  };
  return () => {
    if (pending) return;
    pending = true;
    channel.port2.postMessage(null);
  };
}
