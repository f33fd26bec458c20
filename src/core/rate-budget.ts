/**
 * At most `perSecond` uses in any one-second window: `take()` says whether one is left. For work that a sender can
 * make us do at will (diagnosing a forged signature) and that must stay cheap under a flood.
 */
export function createRateBudget(perSecond: number, now: () => number = Date.now): { take(): boolean } {
  let windowStart = 0;
  let used = 0;
  return {
    take() {
      const time = now();
      if (time - windowStart >= 1000) {
        windowStart = time;
        used = 0;
      }
      if (used >= perSecond) return false;
      used += 1;
      return true;
    },
  };
}
