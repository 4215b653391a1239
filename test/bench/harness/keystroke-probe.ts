/**
 * Keystroke latency in a harness page: keydown's timestamp to the next animation frame after the input event,
 * pushed to window.benchKeys. Mounting is the page's own: window.benchMount / benchUnmount.
 */
declare global {
  interface Window {
    benchMount(mode: string): Promise<{ ms: number; rows: number }>;
    benchUnmount(): void;
    benchKeys: number[];
  }
}

window.benchKeys = [];
let keydownAt: number | undefined;
document.addEventListener('keydown', (e) => (keydownAt = e.timeStamp), true);
document.addEventListener(
  'input',
  (e) => {
    const start = keydownAt ?? e.timeStamp;
    keydownAt = undefined;
    requestAnimationFrame(() => window.benchKeys.push(performance.now() - start));
  },
  true,
);

export const frame = () => new Promise<number>((ok) => requestAnimationFrame(ok));
