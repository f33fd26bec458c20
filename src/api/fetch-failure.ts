/** Why a fetch() got no answer: a timeout, or the network's own reason (ECONNREFUSED, ENOTFOUND, ...). */
export function fetchFailure(error: unknown, timeoutMs: number): { timedOut: boolean; reason: string } {
  if ((error as Error)?.name === 'TimeoutError') return { timedOut: true, reason: `no answer within ${timeoutMs} ms` };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return { timedOut: false, reason: cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error' };
}
